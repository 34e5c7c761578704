"""Demonstration records loaded by `python manage.py load_demo`.

Initiatives are based on publicly known Kazakh civic activism; descriptions are short, neutral and our own.
Where a fact (year, city, link) could not be confirmed it is left empty rather than guessed. Authors and blog
posts are fictional. Every slug here belongs to the demo data: the command creates or updates rows with these
slugs and leaves all other rows alone.
"""

# The note added to the end of every demo description, so the site says plainly what these records are.
DEMO_NOTE = "_Demonstration record._"

# slug, name, kind: the 17 regions (oblystar) since the 2022 reform and the 3 cities of republican significance.
REGIONS = [
    ("abai", "Abai", "region"),
    ("akmola", "Akmola", "region"),
    ("aktobe", "Aktobe", "region"),
    ("almaty-region", "Almaty Region", "region"),
    ("atyrau", "Atyrau", "region"),
    ("east-kazakhstan", "East Kazakhstan", "region"),
    ("jambyl", "Jambyl", "region"),
    ("jetisu", "Jetisu", "region"),
    ("karaganda", "Karaganda", "region"),
    ("kostanay", "Kostanay", "region"),
    ("kyzylorda", "Kyzylorda", "region"),
    ("mangystau", "Mangystau", "region"),
    ("north-kazakhstan", "North Kazakhstan", "region"),
    ("pavlodar", "Pavlodar", "region"),
    ("turkistan", "Turkistan", "region"),
    ("ulytau", "Ulytau", "region"),
    ("west-kazakhstan", "West Kazakhstan", "region"),
    ("almaty", "Almaty", "city"),
    ("astana", "Astana", "city"),
    ("shymkent", "Shymkent", "city"),
]

# slug, name, region slug, latitude, longitude, population (rounded, given only for the three largest cities).
CITIES = [
    ("almaty", "Almaty", "almaty", "43.238949", "76.889709", 2_200_000),
    ("astana", "Astana", "astana", "51.169392", "71.449074", 1_350_000),
    ("shymkent", "Shymkent", "shymkent", "42.341700", "69.590100", 1_200_000),
    ("karaganda", "Karaganda", "karaganda", "49.806406", "73.085485", None),
    ("aktobe", "Aktobe", "aktobe", "50.283937", "57.166978", None),
    ("taraz", "Taraz", "jambyl", "42.901183", "71.378309", None),
    ("pavlodar", "Pavlodar", "pavlodar", "52.287303", "76.967402", None),
    ("oskemen", "Oskemen", "east-kazakhstan", "49.948759", "82.627851", None),
    ("semey", "Semey", "abai", "50.411124", "80.227500", None),
    ("atyrau", "Atyrau", "atyrau", "47.094495", "51.923771", None),
    ("kostanay", "Kostanay", "kostanay", "53.214917", "63.631031", None),
    ("kyzylorda", "Kyzylorda", "kyzylorda", "44.842557", "65.502545", None),
    ("oral", "Oral", "west-kazakhstan", "51.227821", "51.386543", None),
    ("petropavl", "Petropavl", "north-kazakhstan", "54.865472", "69.135574", None),
    ("aktau", "Aktau", "mangystau", "43.635379", "51.169135", None),
    ("temirtau", "Temirtau", "karaganda", "50.054930", "72.964740", None),
    ("turkistan", "Turkistan", "turkistan", "43.297334", "68.251750", None),
    ("taldykorgan", "Taldykorgan", "jetisu", "45.017111", "78.382112", None),
    ("kokshetau", "Kokshetau", "akmola", "53.283333", "69.383333", None),
    ("ekibastuz", "Ekibastuz", "pavlodar", "51.723713", "75.322302", None),
    ("zhanaozen", "Zhanaozen", "mangystau", "43.341153", "52.861954", None),
    ("konaev", "Konaev", "almaty-region", "43.866667", "77.066667", None),
    ("zhezkazgan", "Zhezkazgan", "ulytau", "47.783333", "67.766667", None),
    ("balkhash", "Balkhash", "karaganda", "46.848056", "74.995000", None),
    ("rudny", "Rudny", "kostanay", "52.966667", "63.116667", None),
    ("talgar", "Talgar", "almaty-region", "43.300000", "77.233333", None),
    ("ridder", "Ridder", "east-kazakhstan", "50.350000", "83.516667", None),
]

# slug, name, short description, colour, display order
THEMES = [
    (
        "protest-civil-rights",
        "Protest and civil rights",
        "Rallies, pickets and campaigns for political and civil rights.",
        "#c0392b",
        10,
    ),
    (
        "gender-feminism",
        "Gender and feminism",
        "Women's rights, gender equality and feminist organising.",
        "#8e44ad",
        20,
    ),
    ("lgbtq", "LGBTQ", "Rights and visibility of lesbian, gay, bisexual, trans and queer people.", "#d6336c", 30),
    ("ecology", "Ecology", "Clean air and water, nature reserves and the environment.", "#27ae60", 40),
    ("sex-education", "Sex education", "Information on sexual and reproductive health.", "#e67e22", 50),
    ("animal-protection", "Animal protection", "Rescue, care and humane treatment of animals.", "#a0522d", 60),
    ("art-activism", "Art activism", "Art, comics, music and performance that comment on public life.", "#2c7fb8", 70),
    (
        "citizen-assistance",
        "Citizen assistance",
        "Volunteers helping people in emergencies and everyday need.",
        "#16a085",
        80,
    ),
    ("urban-issues", "Urban issues", "Parks, public space, transport and planning in cities.", "#5d6d7e", 90),
    ("labour", "Labour", "Workers' rights, pay, working conditions and trade unions.", "#b7950b", 100),
    (
        "media-freedom-of-speech",
        "Media and freedom of speech",
        "Journalism, satire and the right to speak freely.",
        "#34495e",
        110,
    ),
]


def wikipedia(title):
    """A source pointing at an English Wikipedia article."""
    return {"title": title, "url": f"https://en.wikipedia.org/wiki/{title.replace(' ', '_')}", "publisher": "Wikipedia"}


# Fields left out of an entry take the model's empty value: no year, no links, no sources, not online.
INITIATIVES = [
    {
        "slug": "oyan-qazaqstan",
        "name": "Oyan, Qazaqstan!",
        "summary": "A youth civic movement launched in Almaty in June 2019 that calls for political reform, "
        "free elections and respect for human rights.",
        "description": """\
*Oyan, Qazaqstan* ("Wake up, Kazakhstan") was announced in Almaty in June 2019, shortly before the early
presidential election, after the arrest and trial of two activists who had unfurled a banner at the Almaty Marathon.

The movement describes itself as non-partisan. Its declaration calls for political reform, including a move towards
a parliamentary republic, free elections and local self-government. Participants have held small rallies and
public walks in Almaty, Astana and other cities.""",
        "themes": ["protest-civil-rights"],
        "form": "movement",
        "cities": ["almaty", "astana"],
        "year_started": 2019,
        "activity_status": "unknown",
        "sources": [wikipedia("Oyan, Qazaqstan")],
    },
    {
        "slug": "you-cant-run-from-the-truth",
        "name": '"You can\'t run from the truth" banner',
        "summary": 'In April 2019 two young activists unfurled a banner reading "You can\'t run from the truth" '
        "along the route of the Almaty Marathon, weeks before the early presidential election.",
        "description": """\
The banner appeared during the Almaty Marathon in April 2019, while the country prepared for an early presidential
election.

The two activists who held it were detained and given short administrative arrests. The case drew wide attention
online and is often named as one of the sparks of the youth movement *Oyan, Qazaqstan*.""",
        "themes": ["protest-civil-rights", "art-activism"],
        "form": "protest",
        "cities": ["almaty"],
        "year_started": 2019,
        "year_ended": 2019,
        "activity_status": "inactive",
    },
    {
        "slug": "we-do-not-need-such-a-law",
        "name": "#WeDoNotNeedSuchALaw",
        "summary": "An online campaign in spring 2020 against the draft law on peaceful assemblies, held while "
        "public gatherings were restricted during the COVID-19 state of emergency.",
        "description": """\
In spring 2020 Parliament was debating a new law on the organisation and holding of peaceful assemblies. Critics
argued that the draft still placed heavy restrictions on when, where and how people could gather.

With gatherings restricted during the COVID-19 state of emergency, opponents voiced their objections online,
sharing posts and photos under a common hashtag. The law was adopted in May 2020.""",
        "themes": ["protest-civil-rights", "media-freedom-of-speech"],
        "form": "online_campaign",
        "is_nationwide": True,
        "is_online": True,
        "year_started": 2020,
        "year_ended": 2020,
        "activity_status": "inactive",
    },
    {
        "slug": "feminita",
        "name": "Feminita",
        "summary": "A queer-feminist initiative in Almaty working for the rights of lesbian, bisexual and queer "
        "women and other marginalised groups of women.",
        "description": """\
Feminita has worked informally since the mid-2010s. It focuses on the rights of lesbian, bisexual, queer and trans
women, women with disabilities and sex workers, through community events, research and human rights monitoring.

The group has applied several times for registration as a public association and has been refused; its court
appeals against the refusals were unsuccessful.""",
        "themes": ["gender-feminism", "lgbtq"],
        "form": "organisation",
        "cities": ["almaty"],
        "activity_status": "active",
    },
    {
        "slug": "womens-day-marches-almaty",
        "name": "International Women's Day marches in Almaty",
        "summary": "Marches and rallies for women's rights held by feminist groups in Almaty around 8 March.",
        "description": """\
Since the late 2010s feminist groups in Almaty, among them KazFem and Feminita, have organised marches and rallies
around International Women's Day. They raise issues such as domestic violence, bride kidnapping and economic
inequality.

Each march needs the agreement of the city administration, which has not always been given.""",
        "themes": ["gender-feminism", "protest-civil-rights"],
        "form": "protest",
        "cities": ["almaty"],
        "activity_status": "unknown",
    },
    {
        "slug": "femastana",
        "name": "FemAstana",
        "summary": "A feminist initiative in Astana.",
        "description": """\
FemAstana is one of several feminist groups in Kazakhstan that work without official registration.

Details such as the year it started are left empty here until they are confirmed from sources.""",
        "themes": ["gender-feminism"],
        "form": "movement",
        "cities": ["astana"],
        "activity_status": "unknown",
    },
    {
        "slug": "uyatemes",
        "name": "Uyatemes",
        "summary": "An online educational project on sexual and reproductive health for young people; its name "
        'means "it is not shameful" in Kazakh.',
        "description": """\
Uyatemes publishes accessible information on sexual and reproductive health for young people, a subject that is
rarely taught at school in Kazakhstan.

Its name, *uyat emes*, answers the word *uyat* (shame) that often ends conversations on the subject.""",
        "themes": ["sex-education", "gender-feminism"],
        "form": "education",
        "is_nationwide": True,
        "is_online": True,
        "activity_status": "unknown",
    },
    {
        "slug": "aua",
        "name": "AUA",
        "summary": "An ecological initiative in Kazakhstan.",
        "description": """\
AUA is an ecological initiative.

Its city, founding year and links are left empty here until they are confirmed from sources.""",
        "themes": ["ecology"],
        "form": "other",
        "activity_status": "unknown",
    },
    {
        "slug": "almaty-air-initiative",
        "name": "Almaty Air Initiative",
        "summary": "A non-profit foundation working on air pollution in Almaty through research, public awareness "
        "and proposals to the city authorities.",
        "description": """\
Almaty Air Initiative was set up with private funding to tackle the heavy winter smog in Almaty.

It runs residents' surveys and awareness campaigns, and discusses regulatory measures such as low-emission zones
with officials and businesses.""",
        "themes": ["ecology", "urban-issues"],
        "form": "organisation",
        "cities": ["almaty"],
        "activity_status": "active",
        "links": [("website", "https://air.org.kz/")],
    },
    {
        "slug": "murat-dilmanov",
        "name": "Murat Dilmanov",
        "summary": "An Almaty cartoonist whose satirical drawings of public life, such as the character Uyatman, "
        "circulate widely on social media.",
        "description": """\
Murat Dilmanov draws caricatures and satirical illustrations about current events. His character *Uyatman*
(from *uyat*, shame), a self-appointed guardian of public morals, became one of the best-known Kazakh internet
cartoons.

He describes political caricature as the craft of balancing between what is allowed and what is not.""",
        "themes": ["art-activism", "media-freedom-of-speech"],
        "form": "art",
        "cities": ["almaty"],
        "is_online": True,
        "activity_status": "unknown",
    },
    {
        "slug": "leshapalaque",
        "name": "LeShapalaque",
        "summary": "Webcomics about everyday life in Kazakhstan, published on Instagram since 2017, that use "
        "humour to draw attention to social problems.",
        "description": """\
LeShapalaque (*Lé Shapalaque Comics*) is an online comic started in 2017 by a small team from Astana.

Its short strips tell funny, often autobiographical stories about life in Kazakhstan and comment on social issues
along the way.""",
        "themes": ["art-activism"],
        "form": "art",
        "cities": ["astana"],
        "is_online": True,
        "year_started": 2017,
        "activity_status": "unknown",
    },
    {
        "slug": "akyn-akynych",
        "name": "Akyn Akynych",
        "summary": "A musician performing as Akyn Akynych.",
        "description": """\
The stage name refers to the *akyn*, the improvising poet-singer of Kazakh tradition, who has long commented on
social life in verse.

Further details are left empty here until they are confirmed from sources.""",
        "themes": ["art-activism"],
        "form": "art",
        "activity_status": "unknown",
    },
    {
        "slug": "protect-kok-zhailau",
        "name": "Protect Kok-Zhailau",
        "summary": "A long-running campaign by environmentalists and Almaty residents against a planned ski resort "
        "on the Kok-Zhailau plateau in Ile-Alatau National Park.",
        "description": """\
Kok-Zhailau, a mountain plateau above Almaty inside Ile-Alatau National Park, is a popular place for hiking and
recreation. Plans for a large ski resort there were revived in the early 2010s.

Environmental groups such as the Ecological Society Green Salvation and many residents opposed the project with
petitions, open letters, public hearings and legal complaints, arguing that it would damage protected ecosystems
and take a free recreation area away from the public.""",
        "themes": ["ecology", "urban-issues"],
        "form": "movement",
        "cities": ["almaty"],
        "activity_status": "unknown",
    },
    {
        "slug": "almaty-park-and-tree-defenders",
        "name": "Almaty park and tree defenders",
        "summary": "Residents defending Almaty's parks, squares and street trees against felling and construction.",
        "description": """\
Tree felling and building in green spaces are recurring causes of local protest in Almaty. Residents organise
petitions, take part in public hearings, watch over felling sites and appeal to the city administration.

This record groups such neighbourhood campaigns rather than one organisation.""",
        "themes": ["urban-issues", "ecology"],
        "form": "movement",
        "cities": ["almaty"],
        "activity_status": "unknown",
    },
    {
        "slug": "zhanaozen-oil-workers-strike-2011",
        "name": "Zhanaozen oil workers' strike (2011)",
        "summary": "A months-long strike by oil workers in Zhanaozen over pay and working conditions, which ended in "
        "deadly clashes on 16 December 2011.",
        "description": """\
In May 2011 workers of the Ozenmunaigas oil field went on strike for higher pay and better working conditions. The
strike was declared illegal and many strikers were dismissed; some of them occupied the town square for months.

On 16 December 2011, Independence Day, police opened fire during clashes in the square and at least 14 people were
killed. The events remain a landmark for labour activism in Kazakhstan.""",
        "themes": ["labour", "protest-civil-rights"],
        "form": "protest",
        "cities": ["zhanaozen"],
        "year_started": 2011,
        "year_ended": 2011,
        "activity_status": "inactive",
        "sources": [wikipedia("Zhanaozen massacre")],
    },
    {
        "slug": "january-2022-gas-price-protests",
        "name": "Protests against the gas price rise (January 2022)",
        "summary": "Protests that began in Zhanaozen on 2 January 2022, after the price of liquefied gas doubled, "
        "and spread across the country.",
        "description": """\
Protests began on 2 January 2022 in Zhanaozen when the price of liquefied petroleum gas, widely used as car fuel in
western Kazakhstan, doubled overnight. Within days they spread to Aktau and other cities, and the demands widened
to social and political issues.

In Almaty the protests were followed by violent unrest; a state of emergency was declared and more than 200 people
died. The events are remembered as *Qandy Qantar* ("Bloody January").""",
        "themes": ["protest-civil-rights"],
        "form": "protest",
        "cities": ["zhanaozen", "aktau", "almaty"],
        "is_nationwide": True,
        "year_started": 2022,
        "year_ended": 2022,
        "activity_status": "inactive",
        "sources": [wikipedia("2022 Kazakh unrest")],
    },
    {
        "slug": "nevada-semipalatinsk",
        "name": "Nevada-Semipalatinsk",
        "summary": "The anti-nuclear movement founded in 1989 and led by the poet Olzhas Suleimenov, whose campaign "
        "contributed to the closure of the Semipalatinsk nuclear test site in 1991.",
        "description": """\
The movement was launched in February 1989 after the poet Olzhas Suleimenov spoke on television about nuclear
testing near Semipalatinsk (today Semey). Its name expressed solidarity with the campaign against the Nevada Test
Site in the United States.

Its rallies and petitions gathered very large numbers of people, and the test site was officially closed in August
1991. It is remembered as one of the first mass civic movements in Soviet Kazakhstan.""",
        "themes": ["ecology", "protest-civil-rights"],
        "form": "movement",
        "cities": ["semey", "almaty"],
        "year_started": 1989,
        "activity_status": "unknown",
        "sources": [wikipedia("Anti-nuclear movement in Kazakhstan")],
    },
    {
        "slug": "flood-relief-volunteers-2024",
        "name": "Volunteer flood relief (spring 2024)",
        "summary": "Volunteers who helped evacuate residents, fill sandbags and collect aid during the severe spring "
        "floods of 2024 in western and northern Kazakhstan.",
        "description": """\
In spring 2024 record meltwater flooded towns and villages in several regions, among them Aktobe, West Kazakhstan,
Atyrau, Kostanay, Akmola and North Kazakhstan. Tens of thousands of people were evacuated.

Alongside the emergency services, more than 20,000 volunteers helped with evacuation, sandbags, hot meals and
temporary shelter, and aid collection points opened in Astana and other cities.""",
        "themes": ["citizen-assistance"],
        "form": "volunteer",
        "cities": ["petropavl", "kostanay", "aktobe", "atyrau", "oral", "astana"],
        "is_nationwide": True,
        "year_started": 2024,
        "year_ended": 2024,
        "activity_status": "inactive",
    },
    {
        "slug": "covid-19-volunteers-2020",
        "name": "Volunteer help during the COVID-19 lockdown (2020)",
        "summary": "Volunteers who delivered food and medicine to older people and families in need during the 2020 "
        "COVID-19 state of emergency.",
        "description": """\
During the state of emergency declared in March 2020, strict quarantine was introduced in Almaty, Astana and other
cities. Volunteer groups collected donations, delivered groceries and medicine to older and vulnerable people and
supported medical staff.

This record groups such volunteer efforts rather than one organisation.""",
        "themes": ["citizen-assistance"],
        "form": "volunteer",
        "cities": ["almaty", "astana", "shymkent", "karaganda"],
        "is_nationwide": True,
        "year_started": 2020,
        "activity_status": "inactive",
    },
    {
        "slug": "animal-protection-volunteers",
        "name": "Animal-protection volunteers",
        "summary": "Volunteers in several cities who rescue stray and injured animals, find them new homes and "
        "campaign for humane treatment.",
        "description": """\
Informal volunteer groups and small shelters look after stray and injured animals, organise sterilisation and
adoption drives and speak out against cruelty, including the culling of stray animals.

This record groups such volunteers in several cities rather than one organisation.""",
        "themes": ["animal-protection"],
        "form": "volunteer",
        "cities": ["astana", "karaganda", "shymkent", "pavlodar"],
        "activity_status": "unknown",
    },
    {
        "slug": "vlast-kz",
        "name": "Vlast.kz",
        "summary": "An online news and analysis outlet publishing in Russian, Kazakh and English.",
        "description": """\
Vlast.kz publishes news, investigations, interviews and analysis about politics, society and the economy of
Kazakhstan. It is based in Almaty.""",
        "themes": ["media-freedom-of-speech"],
        "form": "media",
        "cities": ["almaty"],
        "is_nationwide": True,
        "is_online": True,
        "activity_status": "active",
        "links": [("website", "https://vlast.kz/")],
    },
    {
        "slug": "protests-2019-presidential-election",
        "name": "Protests around the 2019 presidential election",
        "summary": "Street protests in Almaty and the capital on and after the early presidential election of 9 June "
        "2019, during which thousands of people were detained.",
        "description": """\
The early presidential election of June 2019 followed the resignation of Nursultan Nazarbayev in March. On
election day and in the following days people gathered in Almaty and the capital, then called Nur-Sultan, to
protest against an election they saw as lacking real competition. Police detained thousands of people.

The protests were part of a wider wave of civic activity in 2019 that also produced new movements such as
*Oyan, Qazaqstan*.""",
        "themes": ["protest-civil-rights"],
        "form": "protest",
        "cities": ["almaty", "astana"],
        "year_started": 2019,
        "year_ended": 2019,
        "activity_status": "inactive",
        "sources": [wikipedia("2019 Kazakh protests")],
    },
    # Drafts: researchers' work in progress, never shown to the public.
    {
        "slug": "karaganda-miners-labour-protests",
        "name": "Miners' labour protests in the Karaganda region",
        "summary": "Notes on labour protests and strikes in the mining towns of the Karaganda region.",
        "description": "Research notes in preparation; not yet checked against sources.",
        "themes": ["labour"],
        "form": "protest",
        "cities": ["karaganda", "temirtau"],
        "activity_status": "unknown",
        "publication_status": "draft",
    },
    {
        "slug": "oskemen-clean-air-campaigners",
        "name": "Clean-air campaigners in Oskemen",
        "summary": "Notes on residents' campaigns about industrial air pollution in Oskemen and Ridder.",
        "description": "Research notes in preparation; not yet checked against sources.",
        "themes": ["ecology"],
        "form": "movement",
        "cities": ["oskemen", "ridder"],
        "activity_status": "unknown",
        "publication_status": "draft",
    },
]

AFFILIATION = "Central Asia Institute for Strategic Studies (demonstration)"

# slug, name, bio, avatar colour
AUTHORS = [
    (
        "aliya-bekova",
        "Aliya Bekova",
        "Fictional researcher created for the demonstration data of this site; not a real person. "
        "Writes about civic movements, protest and volunteering.",
        "#3b6ea5",
    ),
    (
        "nurlan-esimov",
        "Nurlan Esimov",
        "Fictional researcher created for the demonstration data of this site; not a real person. "
        "Writes about art, media and environmental campaigns.",
        "#8e5a3c",
    ),
]

POST_NOTE = "_This is a demonstration post written for the sample data._"

# "days" is the publication date relative to the first load: negative in the past, positive scheduled.
POSTS = [
    {
        "slug": "why-we-map-civic-activism",
        "title": "Why we map civic activism in Kazakhstan",
        "author": "aliya-bekova",
        "days": -60,
        "lead": "Civic initiatives in Kazakhstan are scattered across cities, social networks and news archives. "
        "A map brings them together and shows how local action connects.",
        "body": """\
## Many small initiatives

Most civic activism in Kazakhstan is small: a group of volunteers, a feminist collective, a cartoonist, a petition
about a park. Each is visible to its own followers, rarely to researchers or to people in other cities.

## What the map records

For each initiative we note its themes, its form of action, the cities where it works and whether it is still
active. Where a fact cannot be confirmed, the field stays empty rather than guessed.

## Reading the map

- Almaty and Astana have the most initiatives, but many campaigns reach other regions.
- Initiatives that work only online appear in the lists rather than as markers.""",
        "initiatives": ["oyan-qazaqstan", "you-cant-run-from-the-truth", "protests-2019-presidential-election"],
        "themes": ["protest-civil-rights"],
    },
    {
        "slug": "satire-as-civic-speech",
        "title": "Satire as civic speech: cartoons, comics and songs",
        "author": "nurlan-esimov",
        "days": -40,
        "lead": "Cartoonists, webcomic authors and musicians reach people who rarely read political commentary. "
        "Humour lets them raise subjects that are hard to discuss directly.",
        "body": """\
## A drawing travels faster than an article

A single cartoon can be shared thousands of times in a day. Characters such as Murat Dilmanov's *Uyatman* became
shorthand for a whole public debate about who decides what is shameful.

## Everyday life as a subject

Webcomics like *LeShapalaque* start from ordinary situations and let readers recognise the social problems
behind them.

## An old tradition

The *akyn*, the improvising poet-singer, has commented on public life for centuries. Musicians who borrow the name
place themselves in that line.""",
        "initiatives": ["murat-dilmanov", "leshapalaque", "akyn-akynych"],
        "themes": ["art-activism", "media-freedom-of-speech"],
    },
    {
        "slug": "volunteers-in-an-emergency",
        "title": "Volunteers in an emergency: from lockdown to floods",
        "author": "aliya-bekova",
        "days": -20,
        "lead": "In 2020 and again in 2024, volunteers organised faster than many institutions. What did they do, "
        "and what remains once the emergency is over?",
        "body": """\
## 2020: groceries and medicine

During the COVID-19 quarantine, volunteer groups in Almaty, Astana and other cities delivered food and medicine to
older people who could not leave home.

## 2024: sandbags and shelters

The spring floods of 2024 brought thousands of volunteers to the affected regions and to aid collection points far
away from them.

## What remains

Chats, contact lists and trust built during an emergency often outlive it, and become the base for the next local
initiative.""",
        "initiatives": ["covid-19-volunteers-2020", "flood-relief-volunteers-2024"],
        "themes": ["citizen-assistance"],
    },
    {
        "slug": "from-semey-to-kok-zhailau",
        "title": "From Semey to Kok-Zhailau: environmental campaigns",
        "author": "nurlan-esimov",
        "days": -7,
        "lead": "Environmental issues have brought people together in Kazakhstan since the anti-nuclear movement of "
        "1989. Today the campaigns are more local, but no less persistent.",
        "body": """\
## A mass movement

The Nevada-Semipalatinsk movement showed in 1989 that an environmental demand could unite very large numbers of
people across the country.

## Local and persistent

Later campaigns are smaller and closer to home: a mountain plateau above Almaty, a city park, the winter smog.
They rely on petitions, public hearings, research and patient contact with officials.""",
        "initiatives": [
            "nevada-semipalatinsk",
            "protect-kok-zhailau",
            "almaty-air-initiative",
            "almaty-park-and-tree-defenders",
        ],
        "themes": ["ecology", "urban-issues"],
    },
    {
        "slug": "marching-on-8-march",
        "title": "Marching on 8 March: feminist organising and the right to assemble",
        "author": "aliya-bekova",
        "days": 30,
        "lead": "Every year feminist groups ask the city for permission to march on International Women's Day. "
        "The answer shows how the law on assemblies works in practice.",
        "body": """\
## Asking for permission

Feminist groups in Almaty have marched on 8 March since the late 2010s. Each march needs the agreement of the
city administration, and each year the answer is uncertain.

## The 2020 law

The law on peaceful assemblies adopted in 2020 was presented as a simplification. Critics said at the time that it
kept too many restrictions, and campaigned against it online.""",
        "initiatives": ["feminita", "womens-day-marches-almaty", "we-do-not-need-such-a-law"],
        "themes": ["gender-feminism", "protest-civil-rights"],
    },
]
