"""Demonstration records loaded by `python manage.py load_demo`.

Initiatives are based on publicly known Kazakh civic activism; descriptions are short, neutral and our own.
Where a fact (year, city, link) could not be confirmed it is left empty rather than guessed. Authors and blog
posts are fictional. Every slug here belongs to the demo data: the command creates or updates rows with these
slugs and leaves all other rows alone.

Translated text is a dict {"kk": ..., "ru": ..., "en": ...}; a language left out stays empty and the site shows
another language instead (some descriptions and post bodies are English only on purpose, so that this can be
seen). A plain string means English only.
"""

# The note added to the end of every demo description, in each language the description has.
DEMO_NOTE = {
    "kk": "_Демонстрациялық жазба._",
    "ru": "_Демонстрационная запись._",
    "en": "_Demonstration record._",
}

# The alt text of the generated pictures, whose drawn title is always the English one.
IMAGE_ALT = {
    "kk": "Ағылшын тілінде «{title}» деген жазуы бар абстрактілі демонстрациялық сурет.",
    "ru": "Абстрактная демонстрационная иллюстрация с надписью «{title}» на английском языке.",
    "en": "Abstract demonstration graphic with the title \u201c{title}\u201d.",
}
COVER_IMAGE_ALT = {
    "kk": "Ағылшын тілінде «{title}» деген жазуы бар абстрактілі демонстрациялық мұқаба.",
    "ru": "Абстрактная демонстрационная обложка с надписью «{title}» на английском языке.",
    "en": "Abstract demonstration cover with the title \u201c{title}\u201d.",
}

# slug, name, kind: the 17 regions (oblystar) since the 2022 reform and the 3 cities of republican significance.
REGIONS = [
    ("abai", {"kk": "Абай облысы", "ru": "Абайская область", "en": "Abai Region"}, "region"),
    ("akmola", {"kk": "Ақмола облысы", "ru": "Акмолинская область", "en": "Akmola Region"}, "region"),
    ("aktobe", {"kk": "Ақтөбе облысы", "ru": "Актюбинская область", "en": "Aktobe Region"}, "region"),
    ("almaty-region", {"kk": "Алматы облысы", "ru": "Алматинская область", "en": "Almaty Region"}, "region"),
    ("atyrau", {"kk": "Атырау облысы", "ru": "Атырауская область", "en": "Atyrau Region"}, "region"),
    (
        "east-kazakhstan",
        {"kk": "Шығыс Қазақстан облысы", "ru": "Восточно-Казахстанская область", "en": "East Kazakhstan Region"},
        "region",
    ),
    ("jambyl", {"kk": "Жамбыл облысы", "ru": "Жамбылская область", "en": "Jambyl Region"}, "region"),
    ("jetisu", {"kk": "Жетісу облысы", "ru": "Жетысуская область", "en": "Jetisu Region"}, "region"),
    ("karaganda", {"kk": "Қарағанды облысы", "ru": "Карагандинская область", "en": "Karaganda Region"}, "region"),
    ("kostanay", {"kk": "Қостанай облысы", "ru": "Костанайская область", "en": "Kostanay Region"}, "region"),
    ("kyzylorda", {"kk": "Қызылорда облысы", "ru": "Кызылординская область", "en": "Kyzylorda Region"}, "region"),
    ("mangystau", {"kk": "Маңғыстау облысы", "ru": "Мангистауская область", "en": "Mangystau Region"}, "region"),
    (
        "north-kazakhstan",
        {"kk": "Солтүстік Қазақстан облысы", "ru": "Северо-Казахстанская область", "en": "North Kazakhstan Region"},
        "region",
    ),
    ("pavlodar", {"kk": "Павлодар облысы", "ru": "Павлодарская область", "en": "Pavlodar Region"}, "region"),
    ("turkistan", {"kk": "Түркістан облысы", "ru": "Туркестанская область", "en": "Turkistan Region"}, "region"),
    ("ulytau", {"kk": "Ұлытау облысы", "ru": "Улытауская область", "en": "Ulytau Region"}, "region"),
    (
        "west-kazakhstan",
        {"kk": "Батыс Қазақстан облысы", "ru": "Западно-Казахстанская область", "en": "West Kazakhstan Region"},
        "region",
    ),
    ("almaty", {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}, "city"),
    ("astana", {"kk": "Астана", "ru": "Астана", "en": "Astana"}, "city"),
    ("shymkent", {"kk": "Шымкент", "ru": "Шымкент", "en": "Shymkent"}, "city"),
]

# slug, name, region slug, latitude, longitude, population (rounded, given only for the three largest cities).
CITIES = [
    ("almaty", {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}, "almaty", "43.238949", "76.889709", 2_200_000),
    ("astana", {"kk": "Астана", "ru": "Астана", "en": "Astana"}, "astana", "51.169392", "71.449074", 1_350_000),
    (
        "shymkent",
        {"kk": "Шымкент", "ru": "Шымкент", "en": "Shymkent"},
        "shymkent",
        "42.341700",
        "69.590100",
        1_200_000,
    ),
    (
        "karaganda",
        {"kk": "Қарағанды", "ru": "Караганда", "en": "Karaganda"},
        "karaganda",
        "49.806406",
        "73.085485",
        None,
    ),
    ("aktobe", {"kk": "Ақтөбе", "ru": "Актобе", "en": "Aktobe"}, "aktobe", "50.283937", "57.166978", None),
    ("taraz", {"kk": "Тараз", "ru": "Тараз", "en": "Taraz"}, "jambyl", "42.901183", "71.378309", None),
    ("pavlodar", {"kk": "Павлодар", "ru": "Павлодар", "en": "Pavlodar"}, "pavlodar", "52.287303", "76.967402", None),
    (
        "oskemen",
        {"kk": "Өскемен", "ru": "Усть-Каменогорск", "en": "Oskemen"},
        "east-kazakhstan",
        "49.948759",
        "82.627851",
        None,
    ),
    ("semey", {"kk": "Семей", "ru": "Семей", "en": "Semey"}, "abai", "50.411124", "80.227500", None),
    ("atyrau", {"kk": "Атырау", "ru": "Атырау", "en": "Atyrau"}, "atyrau", "47.094495", "51.923771", None),
    ("kostanay", {"kk": "Қостанай", "ru": "Костанай", "en": "Kostanay"}, "kostanay", "53.214917", "63.631031", None),
    (
        "kyzylorda",
        {"kk": "Қызылорда", "ru": "Кызылорда", "en": "Kyzylorda"},
        "kyzylorda",
        "44.842557",
        "65.502545",
        None,
    ),
    ("oral", {"kk": "Орал", "ru": "Уральск", "en": "Oral"}, "west-kazakhstan", "51.227821", "51.386543", None),
    (
        "petropavl",
        {"kk": "Петропавл", "ru": "Петропавловск", "en": "Petropavl"},
        "north-kazakhstan",
        "54.865472",
        "69.135574",
        None,
    ),
    ("aktau", {"kk": "Ақтау", "ru": "Актау", "en": "Aktau"}, "mangystau", "43.635379", "51.169135", None),
    ("temirtau", {"kk": "Теміртау", "ru": "Темиртау", "en": "Temirtau"}, "karaganda", "50.054930", "72.964740", None),
    (
        "turkistan",
        {"kk": "Түркістан", "ru": "Туркестан", "en": "Turkistan"},
        "turkistan",
        "43.297334",
        "68.251750",
        None,
    ),
    (
        "taldykorgan",
        {"kk": "Талдықорған", "ru": "Талдыкорган", "en": "Taldykorgan"},
        "jetisu",
        "45.017111",
        "78.382112",
        None,
    ),
    ("kokshetau", {"kk": "Көкшетау", "ru": "Кокшетау", "en": "Kokshetau"}, "akmola", "53.283333", "69.383333", None),
    (
        "ekibastuz",
        {"kk": "Екібастұз", "ru": "Экибастуз", "en": "Ekibastuz"},
        "pavlodar",
        "51.723713",
        "75.322302",
        None,
    ),
    (
        "zhanaozen",
        {"kk": "Жаңаөзен", "ru": "Жанаозен", "en": "Zhanaozen"},
        "mangystau",
        "43.341153",
        "52.861954",
        None,
    ),
    ("konaev", {"kk": "Қонаев", "ru": "Конаев", "en": "Konaev"}, "almaty-region", "43.866667", "77.066667", None),
    (
        "zhezkazgan",
        {"kk": "Жезқазған", "ru": "Жезказган", "en": "Zhezkazgan"},
        "ulytau",
        "47.783333",
        "67.766667",
        None,
    ),
    ("balkhash", {"kk": "Балқаш", "ru": "Балхаш", "en": "Balkhash"}, "karaganda", "46.848056", "74.995000", None),
    ("rudny", {"kk": "Рудный", "ru": "Рудный", "en": "Rudny"}, "kostanay", "52.966667", "63.116667", None),
    ("talgar", {"kk": "Талғар", "ru": "Талгар", "en": "Talgar"}, "almaty-region", "43.300000", "77.233333", None),
    ("ridder", {"kk": "Риддер", "ru": "Риддер", "en": "Ridder"}, "east-kazakhstan", "50.350000", "83.516667", None),
]

# slug, name, short description, colour, display order
THEMES = [
    (
        "protest-civil-rights",
        {
            "kk": "Наразылық және азаматтық құқықтар",
            "ru": "Протест и гражданские права",
            "en": "Protest and civil rights",
        },
        {
            "kk": "Саяси және азаматтық құқықтар үшін өтетін митингілер, пикеттер мен науқандар.",
            "ru": "Митинги, пикеты и кампании за политические и гражданские права.",
            "en": "Rallies, pickets and campaigns for political and civil rights.",
        },
        "#c0392b",
        10,
    ),
    (
        "gender-feminism",
        {"kk": "Гендер және феминизм", "ru": "Гендер и феминизм", "en": "Gender and feminism"},
        {
            "kk": "Әйелдер құқықтары, гендерлік теңдік және феминистік ұйымдасу.",
            "ru": "Права женщин, гендерное равенство и феминистская самоорганизация.",
            "en": "Women's rights, gender equality and feminist organising.",
        },
        "#8e44ad",
        20,
    ),
    (
        "lgbtq",
        {"kk": "ЛГБТК", "ru": "ЛГБТК", "en": "LGBTQ"},
        {
            "kk": "Лесбиянкалардың, гейлердің, бисексуалдардың, транс және квир адамдардың құқықтары мен қоғамда "
            "көрінуі.",
            "ru": "Права и видимость лесбиянок, геев, бисексуалов, транс- и квир-людей.",
            "en": "Rights and visibility of lesbian, gay, bisexual, trans and queer people.",
        },
        "#d6336c",
        30,
    ),
    (
        "ecology",
        {"kk": "Экология", "ru": "Экология", "en": "Ecology"},
        {
            "kk": "Таза ауа мен су, қорықтар және қоршаған орта.",
            "ru": "Чистый воздух и вода, заповедники и окружающая среда.",
            "en": "Clean air and water, nature reserves and the environment.",
        },
        "#27ae60",
        40,
    ),
    (
        "sex-education",
        {"kk": "Жыныстық білім беру", "ru": "Сексуальное просвещение", "en": "Sex education"},
        {
            "kk": "Жыныстық және репродуктивтік денсаулық туралы ақпарат.",
            "ru": "Информация о сексуальном и репродуктивном здоровье.",
            "en": "Information on sexual and reproductive health.",
        },
        "#e67e22",
        50,
    ),
    (
        "animal-protection",
        {"kk": "Жануарларды қорғау", "ru": "Защита животных", "en": "Animal protection"},
        {
            "kk": "Жануарларды құтқару, оларға қамқорлық жасау және ізгілікпен қарау.",
            "ru": "Спасение животных, уход за ними и гуманное обращение с ними.",
            "en": "Rescue, care and humane treatment of animals.",
        },
        "#a0522d",
        60,
    ),
    (
        "art-activism",
        {"kk": "Арт-белсенділік", "ru": "Арт-активизм", "en": "Art activism"},
        {
            "kk": "Қоғамдық өмірге үн қосатын өнер, комикстер, музыка және перформанстар.",
            "ru": "Искусство, комиксы, музыка и перформансы, комментирующие общественную жизнь.",
            "en": "Art, comics, music and performance that comment on public life.",
        },
        "#2c7fb8",
        70,
    ),
    (
        "citizen-assistance",
        {"kk": "Азаматтарға көмек", "ru": "Помощь гражданам", "en": "Citizen assistance"},
        {
            "kk": "Төтенше жағдайларда және күнделікті тұрмыста мұқтаж адамдарға көмектесетін еріктілер.",
            "ru": "Волонтеры, помогающие людям в чрезвычайных ситуациях и в повседневной нужде.",
            "en": "Volunteers helping people in emergencies and everyday need.",
        },
        "#16a085",
        80,
    ),
    (
        "urban-issues",
        {"kk": "Қала мәселелері", "ru": "Городские проблемы", "en": "Urban issues"},
        {
            "kk": "Қалалардағы саябақтар, қоғамдық кеңістіктер, көлік және қала құрылысын жоспарлау.",
            "ru": "Парки, общественные пространства, транспорт и градостроительство.",
            "en": "Parks, public space, transport and planning in cities.",
        },
        "#5d6d7e",
        90,
    ),
    (
        "labour",
        {"kk": "Еңбек", "ru": "Труд", "en": "Labour"},
        {
            "kk": "Жұмысшылардың құқықтары, жалақы, еңбек жағдайлары және кәсіподақтар.",
            "ru": "Права работников, оплата и условия труда, профсоюзы.",
            "en": "Workers' rights, pay, working conditions and trade unions.",
        },
        "#b7950b",
        100,
    ),
    (
        "media-freedom-of-speech",
        {"kk": "БАҚ және сөз бостандығы", "ru": "СМИ и свобода слова", "en": "Media and freedom of speech"},
        {
            "kk": "Журналистика, сатира және өз ойын еркін айту құқығы.",
            "ru": "Журналистика, сатира и право свободно высказываться.",
            "en": "Journalism, satire and the right to speak freely.",
        },
        "#34495e",
        110,
    ),
]


def wikipedia(title):
    """A source pointing at an English Wikipedia article."""
    return {"title": title, "url": f"https://en.wikipedia.org/wiki/{title.replace(' ', '_')}", "publisher": "Wikipedia"}


def source(title, url, publisher, published_on=None):
    """A public article or report an initiative is known from; its date only where the page gives it."""
    return {"title": title, "url": url, "publisher": publisher, "published_on": published_on}


# Fields left out of an entry take the model's empty value: no year, no links, no sources, not online.
# Approximate centres of the regions, where the map shows sensitive initiatives (never at their cities).
# The three cities of republican significance use the city centre.
REGION_CENTRES = {
    "abai": ("48.600000", "79.800000"),
    "akmola": ("51.900000", "69.500000"),
    "aktobe": ("48.800000", "58.500000"),
    "almaty-region": ("44.300000", "77.300000"),
    "atyrau": ("47.200000", "52.500000"),
    "east-kazakhstan": ("49.300000", "84.300000"),
    "jambyl": ("44.300000", "72.000000"),
    "jetisu": ("45.300000", "79.400000"),
    "karaganda": ("48.300000", "74.500000"),
    "kostanay": ("51.500000", "63.500000"),
    "kyzylorda": ("45.000000", "64.000000"),
    "mangystau": ("44.000000", "53.500000"),
    "north-kazakhstan": ("54.000000", "69.500000"),
    "pavlodar": ("52.300000", "76.500000"),
    "turkistan": ("42.900000", "68.500000"),
    "ulytau": ("47.500000", "66.500000"),
    "west-kazakhstan": ("50.000000", "51.000000"),
    "almaty": ("43.238949", "76.889709"),
    "astana": ("51.169392", "71.449074"),
    "shymkent": ("42.341684", "69.590101"),
}

INITIATIVES = [
    {
        "slug": "oyan-qazaqstan",
        "name": {"kk": "Oyan, Qazaqstan!", "ru": "Oyan, Qazaqstan!", "en": "Oyan, Qazaqstan!"},
        "summary": {
            "kk": "2019 жылғы маусымда Алматыда құрылған жастардың азаматтық қозғалысы; саяси реформаны, еркін "
            "сайлауды және адам құқықтарының сақталуын талап етеді.",
            "ru": "Молодежное гражданское движение, созданное в Алматы в июне 2019 года; выступает за политические "
            "реформы, свободные выборы и соблюдение прав человека.",
            "en": "A youth civic movement launched in Almaty in June 2019 that calls for political reform, "
            "free elections and respect for human rights.",
        },
        "description": {
            "kk": """\
*Oyan, Qazaqstan* («Оян, Қазақстан») 2019 жылғы маусымда, кезектен тыс президент сайлауының алдында, Алматы
марафонында баннер жайған екі белсенді ұсталып, сотталғаннан кейін Алматыда жарияланды.

Қозғалыс өзін ешбір партияға тиесілі емес деп сипаттайды. Оның декларациясы саяси реформаны, соның
ішінде парламенттік республикаға көшуді, еркін сайлауды және жергілікті өзін-өзі басқаруды талап етеді.
Қатысушылар Алматыда, Астанада және басқа қалаларда шағын митингілер мен көпшілік серуендерін өткізді.""",
            "ru": """\
Движение *Oyan, Qazaqstan* («Проснись, Казахстан») заявило о себе в Алматы в июне 2019 года, незадолго до
внеочередных президентских выборов, после ареста и суда над двумя активистами, развернувшими баннер на Алматинском
марафоне.

Движение называет себя внепартийным. Его декларация призывает к политической реформе, включая переход к
парламентской республике, свободные выборы и местное самоуправление. Участники проводили небольшие митинги и
публичные прогулки в Алматы, Астане и других городах.""",
            "en": """\
*Oyan, Qazaqstan* ("Wake up, Kazakhstan") was announced in Almaty in June 2019, shortly before the early
presidential election, after the arrest and trial of two activists who had unfurled a banner at the Almaty Marathon.

The movement describes itself as non-partisan. Its declaration calls for political reform, including a move towards
a parliamentary republic, free elections and local self-government. Participants have held small rallies and
public walks in Almaty, Astana and other cities.""",
        },
        "themes": ["protest-civil-rights"],
        "form": "movement",
        "cities": ["almaty", "astana"],
        "year_started": 2019,
        "activity_status": "unknown",
        "last_verified": "2026-09-15",
        "sources": [wikipedia("Oyan, Qazaqstan")],
    },
    {
        "slug": "you-cant-run-from-the-truth",
        "name": {
            "kk": "«Шындықтан қашып құтыла алмайсың» баннері",
            "ru": "Баннер «От правды не убежишь»",
            "en": '"You can\'t run from the truth" banner',
        },
        "summary": {
            "kk": "2019 жылғы сәуірде, кезектен тыс президент сайлауына бірнеше апта қалғанда, екі жас белсенді "
            "Алматы марафонының бағыты бойында «Шындықтан қашып құтыла алмайсың» деген баннер жайды.",
            "ru": "В апреле 2019 года, за несколько недель до внеочередных президентских выборов, двое молодых "
            "активистов развернули на трассе Алматинского марафона баннер с надписью «От правды не убежишь».",
            "en": 'In April 2019 two young activists unfurled a banner reading "You can\'t run from the truth" '
            "along the route of the Almaty Marathon, weeks before the early presidential election.",
        },
        "description": {
            "kk": """\
Баннер 2019 жылғы сәуірде, ел кезектен тыс президент сайлауына дайындалып жатқан кезде, Алматы марафоны
барысында пайда болды.

Оны ұстап тұрған екі белсенді ұсталып, қысқа мерзімді әкімшілік қамаққа алынды. Бұл оқиға интернетте кеңінен
талқыланды және жиі *Oyan, Qazaqstan* жастар қозғалысының пайда болуына түрткі болған оқиғалардың бірі ретінде
аталады.""",
            "ru": """\
Баннер появился во время Алматинского марафона в апреле 2019 года, когда страна готовилась к внеочередным
президентским выборам.

Двух активистов, которые его держали, задержали и подвергли кратковременному административному аресту. История
вызвала широкий отклик в интернете, и ее часто называют одним из толчков к появлению молодежного движения
*Oyan, Qazaqstan*.""",
            "en": """\
The banner appeared during the Almaty Marathon in April 2019, while the country prepared for an early presidential
election.

The two activists who held it were detained and given short administrative arrests. The case drew wide attention
online and is often named as one of the sparks of the youth movement *Oyan, Qazaqstan*.""",
        },
        "themes": ["protest-civil-rights", "art-activism"],
        "form": "protest",
        "cities": ["almaty"],
        "year_started": 2019,
        "year_ended": 2019,
        "activity_status": "inactive",
        "sources": [
            source(
                "Activists Arrested As Kazakhstan Prepares For Presidential Elections",
                "https://en.hromadske.ua/posts/activists-arrested-as-kazakhstan-prepares-for-presidential-elections",
                "Hromadske",
                "2019-04-24",
            ),
            source(
                "Amnesty Recognizes Two Jailed Kazakh Activists As 'Prisoners Of Conscience'",
                "https://www.rferl.org/a/amnesty-recognizes-two-jailed-kazakh-activists-as-prisoners-of-conscience-/29903124.html",
                "Radio Free Europe/Radio Liberty",
            ),
        ],
    },
    {
        "slug": "we-do-not-need-such-a-law",
        "name": {
            "kk": "#БізгеМұндайЗаңҚажетЕмес",
            "ru": "#НамНеНуженТакойЗакон",
            "en": "#WeDoNotNeedSuchALaw",
        },
        "summary": {
            "kk": "2020 жылдың көктемінде бейбіт жиналыстар туралы заң жобасына қарсы өткен онлайн-науқан; ол "
            "COVID-19 кезіндегі төтенше жағдай режимінде көпшілік жиындарға шектеу қойылған уақытта өтті.",
            "ru": "Онлайн-кампания весной 2020 года против законопроекта о мирных собраниях; она проходила, когда "
            "публичные собрания были ограничены режимом чрезвычайного положения из-за COVID-19.",
            "en": "An online campaign in spring 2020 against the draft law on peaceful assemblies, held while "
            "public gatherings were restricted during the COVID-19 state of emergency.",
        },
        "description": {
            "kk": """\
2020 жылдың көктемінде Парламент бейбіт жиналыстарды ұйымдастыру және өткізу тәртібі туралы жаңа заңды
талқылады. Сыншылардың пікірінше, жоба адамдардың қашан, қайда және қалай жиналатынына әлі де қатаң шектеулер
қойды.

COVID-19-ға байланысты төтенше жағдай кезінде жиындарға шектеу қойылғандықтан, заң жобасының қарсыластары өз
пікірлерін интернетте білдіріп, ортақ хэштегпен жазбалар мен фотосуреттер жариялады. Заң 2020 жылғы мамырда
қабылданды.""",
            "ru": """\
Весной 2020 года Парламент обсуждал новый закон о порядке организации и проведения мирных собраний. Критики
указывали, что проект по-прежнему жестко ограничивает, когда, где и как люди могут собираться.

Поскольку во время чрезвычайного положения из-за COVID-19 собрания были ограничены, противники законопроекта
высказывались в интернете, публикуя посты и фотографии под общим хештегом. Закон был принят в мае 2020 года.""",
            "en": """\
In spring 2020 Parliament was debating a new law on the organisation and holding of peaceful assemblies. Critics
argued that the draft still placed heavy restrictions on when, where and how people could gather.

With gatherings restricted during the COVID-19 state of emergency, opponents voiced their objections online,
sharing posts and photos under a common hashtag. The law was adopted in May 2020.""",
        },
        "themes": ["protest-civil-rights", "media-freedom-of-speech"],
        "form": "online_campaign",
        "is_nationwide": True,
        "is_online": True,
        "year_started": 2020,
        "year_ended": 2020,
        "activity_status": "inactive",
        "sources": [
            source(
                "Benefits and Drawbacks of the New Law on Protests in Kazakhstan",
                "https://cabar.asia/en/benefits-and-drawbacks-of-the-new-law-on-protests-in-kazakhstan",
                "CABAR.asia",
            ),
        ],
    },
    {
        "slug": "feminita",
        "name": {"kk": "Феминита", "ru": "Феминита", "en": "Feminita"},
        "summary": {
            "kk": "Алматыдағы квир-феминистік бастама; лесбиянка, бисексуал және квир әйелдердің, сондай-ақ "
            "әйелдердің басқа да шеттетілген топтарының құқықтары үшін жұмыс істейді.",
            "ru": "Квир-феминистская инициатива в Алматы, которая работает за права лесбиянок, бисексуальных и "
            "квир-женщин, а также других маргинализированных групп женщин.",
            "en": "A queer-feminist initiative in Almaty working for the rights of lesbian, bisexual and queer "
            "women and other marginalised groups of women.",
        },
        "description": {
            "kk": """\
Феминита 2010 жылдардың ортасынан бері бейресми түрде жұмыс істейді. Бастама лесбиянка, бисексуал, квир және
транс әйелдердің, мүмкіндігі шектеулі әйелдердің және секс-жұмыскерлердің құқықтарына көңіл бөледі: қауымдастық
іс-шараларын өткізеді, зерттеулер жүргізеді және адам құқықтарының сақталуын бақылайды.

Топ қоғамдық бірлестік ретінде тіркелу үшін бірнеше рет өтініш беріп, бас тартуға тап болды; бұл шешімдерге
қатысты сотқа берген шағымдары нәтиже бермеді.""",
            "ru": """\
Феминита неформально работает с середины 2010-х годов. Инициатива занимается правами лесбиянок, бисексуальных,
квир- и транс-женщин, женщин с инвалидностью и секс-работниц: проводит мероприятия для сообщества, исследования
и мониторинг соблюдения прав человека.

Группа несколько раз подавала документы на регистрацию общественного объединения и получала отказ; обжаловать
отказы в суде ей не удалось.""",
            "en": """\
Feminita has worked informally since the mid-2010s. It focuses on the rights of lesbian, bisexual, queer and trans
women, women with disabilities and sex workers, through community events, research and human rights monitoring.

The group has applied several times for registration as a public association and has been refused; its court
appeals against the refusals were unsuccessful.""",
        },
        "themes": ["gender-feminism", "lgbtq"],
        "form": "organisation",
        "cities": ["almaty"],
        "activity_status": "active",
        "last_verified": "2025-05-20",
        "sources": [
            source(
                "Feminita's Lesbian Kurultai under attack",
                "https://frontlinedefenders.org/en/case/feminitas-lesbian-kurultai-under-attack",
                "Front Line Defenders",
                "2024-10-10",
            ),
        ],
    },
    {
        "slug": "womens-day-marches-almaty",
        "name": {
            "kk": "Алматыдағы Халықаралық әйелдер күніне арналған шерулер",
            "ru": "Марши в Международный женский день в Алматы",
            "en": "International Women's Day marches in Almaty",
        },
        "summary": {
            "kk": "Алматыдағы феминистік топтар 8 наурызға орай өткізетін әйелдер құқықтары үшін шерулер мен "
            "митингілер.",
            "ru": "Марши и митинги за права женщин, которые феминистские группы Алматы проводят к 8 Марта.",
            "en": "Marches and rallies for women's rights held by feminist groups in Almaty around 8 March.",
        },
        "description": {
            "kk": """\
2010 жылдардың соңынан бері Алматыдағы феминистік топтар, соның ішінде KazFem және Феминита, Халықаралық әйелдер
күніне орай шерулер мен митингілер ұйымдастырып келеді. Олар тұрмыстық зорлық-зомбылық, қыз алып қашу және
экономикалық теңсіздік сияқты мәселелерді көтереді.

Әр шеруге қала әкімдігінің келісімі қажет, ал ол әрдайым беріле бермейді.""",
            "ru": """\
С конца 2010-х годов феминистские группы Алматы, среди них KazFem и Феминита, проводят марши и митинги
к Международному женскому дню. Они поднимают такие темы, как домашнее насилие, похищение невест и экономическое
неравенство.

Для каждого марша нужно согласие акимата города, и его дают не всегда.""",
            "en": """\
Since the late 2010s feminist groups in Almaty, among them KazFem and Feminita, have organised marches and rallies
around International Women's Day. They raise issues such as domestic violence, bride kidnapping and economic
inequality.

Each march needs the agreement of the city administration, which has not always been given.""",
        },
        "themes": ["gender-feminism", "protest-civil-rights"],
        "form": "protest",
        "cities": ["almaty"],
        "activity_status": "unknown",
        "sources": [
            source(
                "Women's March in Kazakhstan: Feminists vs the Mayor of Almaty",
                "https://caspianpost.com/en/post/womens-march-in-kazakhstan-feminists-vs-the-mayor-of-almaty",
                "Caspian Post",
                "2024-02-28",
            ),
            source(
                "Women's marches in Kazakhstan: we will not stop until women's rights improve",
                "https://cabar.asia/en/women-s-marches-in-kazakhstan-we-will-not-stop-until-women-s-rights-improve",
                "CABAR.asia",
            ),
        ],
    },
    {
        "slug": "femastana",
        "name": {"kk": "FemAstana", "ru": "FemAstana", "en": "FemAstana"},
        "summary": {
            "kk": "Астанадағы феминистік бастама.",
            "ru": "Феминистская инициатива в Астане.",
            "en": "A feminist initiative in Astana.",
        },
        "description": {
            "ru": """\
FemAstana — одна из нескольких феминистских групп в Казахстане, которые работают без официальной регистрации.

Такие сведения, как год основания, здесь не указаны, пока они не подтверждены источниками.""",
            "en": """\
FemAstana is one of several feminist groups in Kazakhstan that work without official registration.

Details such as the year it started are left empty here until they are confirmed from sources.""",
        },
        "themes": ["gender-feminism"],
        "form": "movement",
        "cities": ["astana"],
        "activity_status": "unknown",
        "sources": [
            source(
                "In the Face of Oppression, Feminist Resistance in Kazakhstan Persists",
                "https://thediplomat.com/2025/03/in-the-face-of-oppression-feminist-resistance-in-kazakhstan-persists",
                "The Diplomat",
            ),
        ],
    },
    {
        "slug": "uyatemes",
        "name": {"kk": "Uyatemes", "ru": "Uyatemes", "en": "Uyatemes"},
        "summary": {
            "kk": "Жастарға арналған жыныстық және репродуктивтік денсаулық туралы онлайн ағарту жобасы; атауы "
            "«ұят емес» дегенді білдіреді.",
            "ru": "Онлайн-проект о сексуальном и репродуктивном здоровье для молодежи; его название по-казахски "
            "означает «не стыдно».",
            "en": "An online educational project on sexual and reproductive health for young people; its name "
            'means "it is not shameful" in Kazakh.',
        },
        "description": {
            "kk": """\
Uyatemes жастарға жыныстық және репродуктивтік денсаулық туралы түсінікті ақпарат жариялайды. Қазақстанда бұл
тақырып мектепте сирек оқытылады.

Жобаның атауы — *ұят емес*. Ол осы тақырыптағы әңгімені жиі тоқтатып тастайтын *ұят* деген сөзге жауап.""",
            "ru": """\
Uyatemes публикует доступную информацию о сексуальном и репродуктивном здоровье для молодежи — на тему, которую
в школах Казахстана почти не преподают.

Название проекта, *uyat emes*, — ответ на слово *uyat* («стыд»), которым часто обрывают разговоры на эту тему.""",
            "en": """\
Uyatemes publishes accessible information on sexual and reproductive health for young people, a subject that is
rarely taught at school in Kazakhstan.

Its name, *uyat emes*, answers the word *uyat* (shame) that often ends conversations on the subject.""",
        },
        "themes": ["sex-education", "gender-feminism"],
        "form": "education",
        "is_nationwide": True,
        "is_online": True,
        "activity_status": "unknown",
        "last_verified": "2026-10-01",
        "sources": [
            source(
                "Overcoming a Taboo: Normalizing Sexuality Education in Kazakhstan",
                "https://centralasiaprogram.org/publications-all/overcoming-taboo-normalizing-sexuality-education-kazakhstan/",
                "Central Asia Program (CAP Fellows Paper 200)",
            ),
        ],
    },
    {
        "slug": "aua",
        "name": {"kk": "AUA", "ru": "AUA", "en": "AUA"},
        "summary": {
            "kk": "Қазақстандағы экологиялық бастама.",
            "ru": "Экологическая инициатива в Казахстане.",
            "en": "An ecological initiative in Kazakhstan.",
        },
        # English only: the Kazakh and Russian pages say the text is shown in another language.
        "description": """\
AUA is an ecological initiative.

Its city, founding year and links are left empty here until they are confirmed from sources.""",
        "themes": ["ecology"],
        "form": "other",
        "activity_status": "unknown",
        # In review: no public source confirmed yet, so not published (Initiative.check_publishable).
        "publication_status": "review",
    },
    {
        "slug": "almaty-air-initiative",
        "name": {"kk": "Almaty Air Initiative", "ru": "Almaty Air Initiative", "en": "Almaty Air Initiative"},
        "summary": {
            "kk": "Алматыдағы ауаның ластануы мәселесімен айналысатын коммерциялық емес қор: зерттеулер жүргізеді, "
            "тұрғындарды хабардар етеді және қала билігіне ұсыныстар әзірлейді.",
            "ru": "Некоммерческий фонд, который занимается загрязнением воздуха в Алматы: проводит исследования, "
            "информирует жителей и готовит предложения для городских властей.",
            "en": "A non-profit foundation working on air pollution in Almaty through research, public awareness "
            "and proposals to the city authorities.",
        },
        "description": {
            "ru": """\
Almaty Air Initiative создана на частные средства, чтобы бороться с сильным зимним смогом в Алматы.

Фонд проводит опросы жителей и информационные кампании, а также обсуждает с чиновниками и бизнесом меры
регулирования, например зоны с низким уровнем выбросов.""",
            "en": """\
Almaty Air Initiative was set up with private funding to tackle the heavy winter smog in Almaty.

It runs residents' surveys and awareness campaigns, and discusses regulatory measures such as low-emission zones
with officials and businesses.""",
        },
        "themes": ["ecology", "urban-issues"],
        "form": "organisation",
        "cities": ["almaty"],
        "activity_status": "active",
        "links": [("website", "https://air.org.kz/")],
        "sources": [
            source(
                "Zhuldyz Saulebekova: \u201cOur Country Is Ready To Battle Air Pollution\u201d",
                "https://vlast.kz/english/65843-zhuldyz-saulebekova-our-country-is-ready-to-battle-air-pollution.html",
                "Vlast.kz",
                "2025-07-28",
            ),
        ],
    },
    {
        "slug": "murat-dilmanov",
        "name": {"kk": "Мұрат Ділманов", "ru": "Мурат Дильманов", "en": "Murat Dilmanov"},
        "summary": {
            "kk": "Алматылық карикатурашы; оның қоғамдық өмір туралы сатиралық суреттері, мысалы Ұятмен кейіпкері, "
            "әлеуметтік желілерде кеңінен тарайды.",
            "ru": "Алматинский карикатурист, чьи сатирические рисунки об общественной жизни, например с персонажем "
            "Уятменом, широко расходятся в социальных сетях.",
            "en": "An Almaty cartoonist whose satirical drawings of public life, such as the character Uyatman, "
            "circulate widely on social media.",
        },
        "description": {
            "kk": """\
Мұрат Ділманов өзекті оқиғалар туралы карикатуралар мен сатиралық суреттер салады. Оның *Ұятмен* (*ұят* сөзінен)
атты кейіпкері қоғамдағы әдептің сақшысы болуды ешкім тапсырмаса да өз мойнына алған. Бұл кейіпкер қазақ
интернетіндегі ең танымал карикатуралардың біріне айналды.

Ол саяси карикатураны рұқсат етілген мен рұқсат етілмегеннің арасында тепе-теңдік сақтау өнері деп сипаттайды.""",
            "ru": """\
Мурат Дильманов рисует карикатуры и сатирические иллюстрации на злобу дня. Его персонаж *Уятмен* (от *уят* —
«стыд»), самозваный блюститель общественной морали, стал одним из самых известных персонажей казахстанской
интернет-карикатуры.

Политическую карикатуру он описывает как искусство балансировать между дозволенным и недозволенным.""",
            "en": """\
Murat Dilmanov draws caricatures and satirical illustrations about current events. His character *Uyatman*
(from *uyat*, shame), a self-appointed guardian of public morals, became one of the best-known Kazakh internet
cartoons.

He describes political caricature as the craft of balancing between what is allowed and what is not.""",
        },
        "themes": ["art-activism", "media-freedom-of-speech"],
        "form": "art",
        "cities": ["almaty"],
        "is_online": True,
        "activity_status": "unknown",
        "sources": [
            source(
                "#FastTalk: Карикатурист Мурат Дильманов об институте сатиры и связи политики с ремеслом",
                "https://the-steppe.com/lyudi/fasttalk-karikaturist-murat-dilmanov-ob-institute-satiry-i-svyazi-politiki-s-remeslom",
                "The Steppe",
            ),
            source(
                "Будни казахстанского карикатуриста",
                "https://iwpr.net/ru/global-voices/budni-kazakhstanskogo-karikaturista",
                "IWPR",
            ),
        ],
    },
    {
        "slug": "leshapalaque",
        "name": {"kk": "LeShapalaque", "ru": "LeShapalaque", "en": "LeShapalaque"},
        "summary": {
            "kk": "2017 жылдан бері Instagram-да жарияланып келе жатқан, Қазақстандағы күнделікті өмір туралы "
            "веб-комикстер; олар әзіл арқылы әлеуметтік мәселелерге назар аудартады.",
            "ru": "Веб-комиксы о повседневной жизни в Казахстане, которые с 2017 года выходят в Instagram и "
            "с юмором привлекают внимание к социальным проблемам.",
            "en": "Webcomics about everyday life in Kazakhstan, published on Instagram since 2017, that use "
            "humour to draw attention to social problems.",
        },
        # English only.
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
        "sources": [
            source(
                "Что такое Le Shapalaque и как юмор помогает строить свой бизнес",
                "https://old.nu.edu.kz/ru/news-ru/chto-takoe-le-shapalaque-kak-yumor-pomogaet-stroit-svoj-biznes",
                "Nazarbayev University",
            ),
        ],
    },
    {
        "slug": "akyn-akynych",
        "name": {"kk": "Akyn Akynych", "ru": "Akyn Akynych", "en": "Akyn Akynych"},
        "summary": {
            "kk": "Akyn Akynych деген атпен өнер көрсететін музыкант.",
            "ru": "Музыкант, выступающий под именем Akyn Akynych.",
            "en": "A musician performing as Akyn Akynych.",
        },
        # English only.
        "description": """\
The stage name refers to the *akyn*, the improvising poet-singer of Kazakh tradition, who has long commented on
social life in verse.

Further details are left empty here until they are confirmed from sources.""",
        "themes": ["art-activism"],
        "form": "art",
        "activity_status": "unknown",
        # In review: no public source confirmed yet, so not published (Initiative.check_publishable).
        "publication_status": "review",
    },
    {
        "slug": "protect-kok-zhailau",
        "name": {"kk": "Көкжайлауды қорғау", "ru": "Защита Кок-Жайляу", "en": "Protect Kok-Zhailau"},
        "summary": {
            "kk": "Экологтар мен алматылықтардың Іле Алатауы ұлттық паркіндегі Көкжайлау үстіртінде тау шаңғысы "
            "курортын салу жоспарына қарсы ұзаққа созылған науқаны.",
            "ru": "Многолетняя кампания экологов и жителей Алматы против планов построить горнолыжный курорт на "
            "плато Кок-Жайляу в Иле-Алатауском национальном парке.",
            "en": "A long-running campaign by environmentalists and Almaty residents against a planned ski resort "
            "on the Kok-Zhailau plateau in Ile-Alatau National Park.",
        },
        "description": {
            "kk": """\
Көкжайлау — Алматының үстіндегі, Іле Алатауы ұлттық паркінің аумағындағы тау үстірті, жаяу серуен мен демалысқа
арналған танымал орын. 2010 жылдардың басында онда үлкен тау шаңғысы курортын салу жоспарлары қайта көтерілді.

«Зеленое спасение» экологиялық қоғамы сияқты экологиялық ұйымдар мен көптеген тұрғындар жобаға петициялар,
ашық хаттар, қоғамдық тыңдаулар және заңдық шағымдар арқылы қарсы шықты. Олардың пікірінше, жоба қорғалатын
экожүйелерге зиян келтіріп, көпшілікті тегін демалыс орнынан айырар еді.""",
            "ru": """\
Кок-Жайляу — горное плато над Алматы на территории Иле-Алатауского национального парка, популярное место для
походов и отдыха. В начале 2010-х годов вновь появились планы построить там крупный горнолыжный курорт.

Экологические организации, например Экологическое общество «Зеленое спасение», и многие жители противостояли
проекту: составляли петиции и открытые письма, участвовали в общественных слушаниях, подавали юридические
жалобы. Они доказывали, что курорт нанесет ущерб охраняемым экосистемам и лишит людей бесплатного места отдыха.""",
            "en": """\
Kok-Zhailau, a mountain plateau above Almaty inside Ile-Alatau National Park, is a popular place for hiking and
recreation. Plans for a large ski resort there were revived in the early 2010s.

Environmental groups such as the Ecological Society Green Salvation and many residents opposed the project with
petitions, open letters, public hearings and legal complaints, arguing that it would damage protected ecosystems
and take a free recreation area away from the public.""",
        },
        "themes": ["ecology", "urban-issues"],
        "form": "movement",
        "cities": ["almaty"],
        "activity_status": "unknown",
        "sources": [
            source(
                "Kazakhstan's president courts green support by halting ski resort",
                "https://eurasianet.org/kazakhstans-president-courts-green-support-by-halting-ski-resort",
                "Eurasianet",
            ),
            source(
                "Kazakhstan's Mountain Cluster Under the Spotlight Again",
                "https://vlast.kz/english/65867-kazakhstans-mountain-cluster-under-the-spotlight-again.html",
                "Vlast.kz",
                "2025-07-30",
            ),
        ],
    },
    {
        "slug": "almaty-park-and-tree-defenders",
        "name": {
            "kk": "Алматының саябақтары мен ағаштарын қорғаушылар",
            "ru": "Защитники парков и деревьев Алматы",
            "en": "Almaty park and tree defenders",
        },
        "summary": {
            "kk": "Алматының саябақтарын, скверлерін және көше бойындағы ағаштарын кесуден және құрылыстан "
            "қорғайтын тұрғындар.",
            "ru": "Жители, которые защищают парки, скверы и уличные деревья Алматы от вырубки и застройки.",
            "en": "Residents defending Almaty's parks, squares and street trees against felling and construction.",
        },
        "description": {
            "kk": """\
Ағаштарды кесу және жасыл аймақтарда құрылыс салу — Алматыдағы жергілікті наразылықтардың жиі себебі. Тұрғындар
петициялар ұйымдастырады, қоғамдық тыңдауларға қатысады, ағаш кесілетін жерлерді бақылайды және қала әкімдігіне
жүгінеді.

Бұл жазба бір ұйымды емес, тұрғындардың осындай жергілікті науқандарын біріктіреді.""",
            "ru": """\
Вырубка деревьев и застройка зеленых зон — постоянный повод для местных протестов в Алматы. Жители собирают
подписи под петициями, участвуют в общественных слушаниях, дежурят у мест вырубки и обращаются в акимат города.

Эта запись объединяет такие кампании жителей, а не описывает одну организацию.""",
            "en": """\
Tree felling and building in green spaces are recurring causes of local protest in Almaty. Residents organise
petitions, take part in public hearings, watch over felling sites and appeal to the city administration.

This record groups such neighbourhood campaigns rather than one organisation.""",
        },
        "themes": ["urban-issues", "ecology"],
        "form": "movement",
        "cities": ["almaty"],
        "activity_status": "unknown",
        "sources": [
            source(
                "Алматинцы требуют остановить варварскую обрезку деревьев в Центральном парке отдыха",
                "https://www.kt.kz/rus/ecology/almatintsy_trebuyut_ostanovit_varvarskuyu_obrezku_dereviev_1377962199.html",
                "Kazakhstan Today",
                "2024-03-14",
            ),
        ],
    },
    {
        "slug": "zhanaozen-oil-workers-strike-2011",
        "name": {
            "kk": "Жаңаөзен мұнайшыларының ереуілі (2011)",
            "ru": "Забастовка нефтяников в Жанаозене (2011)",
            "en": "Zhanaozen oil workers' strike (2011)",
        },
        "summary": {
            "kk": "Жаңаөзен мұнайшыларының жалақы мен еңбек жағдайларына байланысты бірнеше айға созылған ереуілі; "
            "ол 2011 жылғы 16 желтоқсанда адам өліміне әкелген қақтығыстармен аяқталды.",
            "ru": "Многомесячная забастовка нефтяников Жанаозена из-за зарплат и условий труда, закончившаяся "
            "столкновениями с человеческими жертвами 16 декабря 2011 года.",
            "en": "A months-long strike by oil workers in Zhanaozen over pay and working conditions, which ended in "
            "deadly clashes on 16 December 2011.",
        },
        "description": {
            "kk": """\
2011 жылғы мамырда «Өзенмұнайгаз» компаниясының жұмысшылары жалақыны көтеруді және еңбек жағдайларын жақсартуды
талап етіп, ереуілге шықты. Ереуіл заңсыз деп танылып, ереуілшілердің көбі жұмыстан шығарылды; олардың бір
бөлігі бірнеше ай бойы қала алаңынан кетпеді.

2011 жылғы 16 желтоқсанда, Тәуелсіздік күні, алаңдағы қақтығыстар кезінде полиция оқ атып, кемінде 14 адам
қаза тапты. Бұл оқиғалар Қазақстандағы еңбек белсенділігі тарихындағы маңызды белес болып қала береді.""",
            "ru": """\
В мае 2011 года работники нефтяной компании «Озенмунайгаз» объявили забастовку, требуя повышения зарплаты
и улучшения условий труда. Забастовку признали незаконной, многих бастующих уволили; часть из них несколько
месяцев не уходила с городской площади.

16 декабря 2011 года, в День независимости, во время столкновений на площади полиция открыла огонь, погибли
по меньшей мере 14 человек. Эти события остаются важной вехой в истории трудового активизма в Казахстане.""",
            "en": """\
In May 2011 workers of the Ozenmunaigas oil field went on strike for higher pay and better working conditions. The
strike was declared illegal and many strikers were dismissed; some of them occupied the town square for months.

On 16 December 2011, Independence Day, police opened fire during clashes in the square and at least 14 people were
killed. The events remain a landmark for labour activism in Kazakhstan.""",
        },
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
        "name": {
            "kk": "Газ бағасының өсуіне қарсы наразылықтар (2022 жылғы қаңтар)",
            "ru": "Протесты против повышения цен на газ (январь 2022)",
            "en": "Protests against the gas price rise (January 2022)",
        },
        "summary": {
            "kk": "Сұйытылған газдың бағасы екі есе өскеннен кейін 2022 жылғы 2 қаңтарда Жаңаөзенде басталып, "
            "бүкіл елге тараған наразылықтар.",
            "ru": "Протесты, которые начались в Жанаозене 2 января 2022 года после того, как сжиженный газ подорожал "
            "вдвое, и охватили всю страну.",
            "en": "Protests that began in Zhanaozen on 2 January 2022, after the price of liquefied gas doubled, "
            "and spread across the country.",
        },
        "description": {
            "kk": """\
Наразылықтар 2022 жылғы 2 қаңтарда Жаңаөзенде басталды: елдің батысында көлік отыны ретінде кеңінен
қолданылатын сұйытылған мұнай газының бағасы бір түнде екі есе өсті. Бірнеше күн ішінде наразылық Ақтауға және
басқа қалаларға тарап, талаптар әлеуметтік және саяси мәселелерді де қамтыды.

Алматыда наразылықтардан кейін зорлық-зомбылыққа ұласқан тәртіпсіздіктер болды; төтенше жағдай жарияланып,
200-ден астам адам қаза тапты. Бұл оқиғалар *Қанды қаңтар* деген атпен есте қалды.""",
            "ru": """\
Протесты начались 2 января 2022 года в Жанаозене, когда сжиженный нефтяной газ, который на западе Казахстана
широко используют как автомобильное топливо, за одну ночь подорожал вдвое. За несколько дней протесты
распространились на Актау и другие города, а требования расширились до социальных и политических.

В Алматы за протестами последовали беспорядки с применением насилия; было объявлено чрезвычайное положение,
погибли более 200 человек. Эти события помнят как *Қанды қаңтар* («Кровавый январь»).""",
            "en": """\
Protests began on 2 January 2022 in Zhanaozen when the price of liquefied petroleum gas, widely used as car fuel in
western Kazakhstan, doubled overnight. Within days they spread to Aktau and other cities, and the demands widened
to social and political issues.

In Almaty the protests were followed by violent unrest; a state of emergency was declared and more than 200 people
died. The events are remembered as *Qandy Qantar* ("Bloody January").""",
        },
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
        "name": {"kk": "Невада-Семей", "ru": "Невада — Семипалатинск", "en": "Nevada-Semipalatinsk"},
        "summary": {
            "kk": "1989 жылы құрылған, ақын Олжас Сүлейменов басқарған антиядролық қозғалыс; оның күресі 1991 жылы "
            "Семей ядролық сынақ полигонының жабылуына ықпал етті.",
            "ru": "Антиядерное движение, основанное в 1989 году и возглавляемое поэтом Олжасом Сулейменовым; его "
            "кампания способствовала закрытию Семипалатинского ядерного полигона в 1991 году.",
            "en": "The anti-nuclear movement founded in 1989 and led by the poet Olzhas Suleimenov, whose campaign "
            "contributed to the closure of the Semipalatinsk nuclear test site in 1991.",
        },
        "description": {
            "kk": """\
Қозғалыс 1989 жылғы ақпанда ақын Олжас Сүлейменов теледидардан Семей маңындағы ядролық сынақтар туралы
сөйлегеннен кейін құрылды. Оның атауы АҚШ-тағы Невада сынақ полигонына қарсы күреспен тілектестікті білдірді.

Қозғалыстың митингілері мен петицияларына өте көп адам қатысты, ал 1991 жылғы тамызда полигон ресми түрде
жабылды. Ол Кеңестік Қазақстандағы алғашқы жаппай азаматтық қозғалыстардың бірі ретінде есте қалды.""",
            "ru": """\
Движение возникло в феврале 1989 года после того, как поэт Олжас Сулейменов выступил по телевидению и рассказал
о ядерных испытаниях под Семипалатинском (ныне Семей). Его название выражало солидарность с кампанией против
Невадского испытательного полигона в США.

Митинги и петиции движения собрали огромное число людей, а в августе 1991 года полигон был официально
закрыт. Его помнят как одно из первых массовых гражданских движений в Советском Казахстане.""",
            "en": """\
The movement was launched in February 1989 after the poet Olzhas Suleimenov spoke on television about nuclear
testing near Semipalatinsk (today Semey). Its name expressed solidarity with the campaign against the Nevada Test
Site in the United States.

Its rallies and petitions gathered very large numbers of people, and the test site was officially closed in August
1991. It is remembered as one of the first mass civic movements in Soviet Kazakhstan.""",
        },
        "themes": ["ecology", "protest-civil-rights"],
        "form": "movement",
        "cities": ["semey", "almaty"],
        "year_started": 1989,
        "activity_status": "unknown",
        "sources": [wikipedia("Anti-nuclear movement in Kazakhstan")],
    },
    {
        "slug": "flood-relief-volunteers-2024",
        "name": {
            "kk": "Су тасқыны кезіндегі еріктілер көмегі (2024 жылғы көктем)",
            "ru": "Волонтерская помощь при паводках (весна 2024)",
            "en": "Volunteer flood relief (spring 2024)",
        },
        "summary": {
            "kk": "2024 жылғы көктемде Қазақстанның батысы мен солтүстігіндегі қатты су тасқыны кезінде тұрғындарды "
            "көшіруге, қаптарға құм толтыруға және көмек жинауға жәрдемдескен еріктілер.",
            "ru": "Волонтеры, которые помогали эвакуировать жителей, наполнять мешки песком и собирать помощь во "
            "время сильных весенних паводков 2024 года на западе и севере Казахстана.",
            "en": "Volunteers who helped evacuate residents, fill sandbags and collect aid during the severe spring "
            "floods of 2024 in western and northern Kazakhstan.",
        },
        "description": {
            "kk": """\
2024 жылғы көктемде рекордтық мөлшердегі еріген қар суы бірнеше өңірдегі қалалар мен ауылдарды басты, олардың
арасында Ақтөбе, Батыс Қазақстан, Атырау, Қостанай, Ақмола және Солтүстік Қазақстан облыстары бар. Он мыңдаған адам
эвакуацияланды.

Құтқару қызметтерімен қатар 20 000-нан астам ерікті адамдарды көшіруге, қаптарға құм толтыруға, ыстық тамақ
әзірлеуге және уақытша баспана ұйымдастыруға көмектесті, ал Астанада және басқа қалаларда көмек жинау
пункттері ашылды.""",
            "ru": """\
Весной 2024 года рекордные талые воды затопили города и села в нескольких регионах, среди них Актюбинская,
Западно-Казахстанская, Атырауская, Костанайская, Акмолинская и Северо-Казахстанская области. Были эвакуированы
десятки тысяч человек.

Вместе со спасательными службами более 20 000 волонтеров помогали эвакуировать людей, укладывать мешки с песком,
готовить горячую еду и обустраивать временное жилье, а в Астане и других городах открылись пункты сбора помощи.""",
            "en": """\
In spring 2024 record meltwater flooded towns and villages in several regions, among them Aktobe, West Kazakhstan,
Atyrau, Kostanay, Akmola and North Kazakhstan. Tens of thousands of people were evacuated.

Alongside the emergency services, more than 20,000 volunteers helped with evacuation, sandbags, hot meals and
temporary shelter, and aid collection points opened in Astana and other cities.""",
        },
        "themes": ["citizen-assistance"],
        "form": "volunteer",
        "cities": ["petropavl", "kostanay", "aktobe", "atyrau", "oral", "astana"],
        "is_nationwide": True,
        "year_started": 2024,
        "year_ended": 2024,
        "activity_status": "inactive",
        "sources": [
            source(
                "20,000 Volunteers Band Together in Kazakhstan to Aid Flood Victims",
                "https://astanatimes.com/2024/04/20000-volunteers-band-together-in-kazakhstan-to-aid-flood-victims",
                "The Astana Times",
            ),
        ],
    },
    {
        "slug": "covid-19-volunteers-2020",
        "name": {
            "kk": "COVID-19 карантині кезіндегі еріктілер көмегі (2020)",
            "ru": "Волонтерская помощь во время карантина COVID-19 (2020)",
            "en": "Volunteer help during the COVID-19 lockdown (2020)",
        },
        "summary": {
            "kk": "2020 жылы COVID-19-ға байланысты төтенше жағдай кезінде егде адамдар мен мұқтаж отбасыларға "
            "азық-түлік пен дәрі-дәрмек жеткізген еріктілер.",
            "ru": "Волонтеры, которые доставляли продукты и лекарства пожилым людям и нуждающимся семьям во время "
            "чрезвычайного положения из-за COVID-19 в 2020 году.",
            "en": "Volunteers who delivered food and medicine to older people and families in need during the 2020 "
            "COVID-19 state of emergency.",
        },
        # No Kazakh description: the Kazakh page shows the Russian one and says so.
        "description": {
            "ru": """\
Во время чрезвычайного положения, объявленного в марте 2020 года, в Алматы, Астане и других городах ввели
строгий карантин. Волонтерские группы собирали пожертвования, доставляли продукты и лекарства пожилым и уязвимым
людям и поддерживали медицинских работников.

Эта запись объединяет такие волонтерские инициативы, а не описывает одну организацию.""",
            "en": """\
During the state of emergency declared in March 2020, strict quarantine was introduced in Almaty, Astana and other
cities. Volunteer groups collected donations, delivered groceries and medicine to older and vulnerable people and
supported medical staff.

This record groups such volunteer efforts rather than one organisation.""",
        },
        "themes": ["citizen-assistance"],
        "form": "volunteer",
        "cities": ["almaty", "astana", "shymkent", "karaganda"],
        "is_nationwide": True,
        "year_started": 2020,
        "activity_status": "inactive",
        "sources": [
            source(
                "Citizens Self-Mobilize to Bring Aid to Needy, Coordinate Relief in Kazakhstan",
                "https://astanatimes.com/2020/05/citizens-self-mobilize-to-bring-aid-to-needy-coordinate-relief-in-kazakhstan",
                "The Astana Times",
            ),
        ],
    },
    {
        "slug": "animal-protection-volunteers",
        "name": {
            "kk": "Жануарларды қорғайтын еріктілер",
            "ru": "Волонтеры-зоозащитники",
            "en": "Animal-protection volunteers",
        },
        "summary": {
            "kk": "Бірнеше қалада иесіз және жарақат алған жануарларды құтқарып, оларға жаңа иелер тауып, "
            "жануарларға ізгілікпен қарауға шақыратын еріктілер.",
            "ru": "Волонтеры в нескольких городах, которые спасают бездомных и раненых животных, находят им новых "
            "хозяев и выступают за гуманное обращение с животными.",
            "en": "Volunteers in several cities who rescue stray and injured animals, find them new homes and "
            "campaign for humane treatment.",
        },
        "description": {
            "kk": """\
Бейресми еріктілер топтары мен шағын баспаналар иесіз және жарақат алған жануарларға қамқорлық жасайды,
стерилизациялау және жануарларды жаңа иелерге беру акцияларын ұйымдастырады, қатыгездікке, соның ішінде иесіз
жануарларды жоюға қарсы үн көтереді.

Бұл жазба бір ұйымды емес, бірнеше қаладағы осындай еріктілерді біріктіреді.""",
            "ru": """\
Неформальные волонтерские группы и небольшие приюты заботятся о бездомных и раненых животных, проводят акции по
стерилизации и пристройству животных и выступают против жестокого обращения, в том числе против уничтожения
бездомных животных.

Эта запись объединяет таких волонтеров из нескольких городов, а не описывает одну организацию.""",
            "en": """\
Informal volunteer groups and small shelters look after stray and injured animals, organise sterilisation and
adoption drives and speak out against cruelty, including the culling of stray animals.

This record groups such volunteers in several cities rather than one organisation.""",
        },
        "themes": ["animal-protection"],
        "form": "volunteer",
        "cities": ["astana", "karaganda", "shymkent", "pavlodar"],
        "activity_status": "unknown",
        # Demonstrates a sensitive record (volunteers who oppose culling have been threatened): shown by region
        # only, kept out of search engines and open data.
        "is_sensitive": True,
        "sources": [
            source(
                "Pandemic downturn leads to animal abuse crisis in Kazakhstan",
                "https://www.opendemocracy.net/en/odr/pandemic-downturn-leads-animal-abuse-crisis-kazakhstan/",
                "openDemocracy",
                "2021-03-10",
            ),
            source(
                "Animal Control in Kazakhstan: The Flawed Mechanism",
                "https://cabar.asia/en/animal-control-in-kazakhstan-the-flawed-mechanism",
                "CABAR.asia",
            ),
        ],
    },
    {
        "slug": "vlast-kz",
        "name": {"kk": "Vlast.kz", "ru": "Vlast.kz", "en": "Vlast.kz"},
        "summary": {
            "kk": "Орыс, қазақ және ағылшын тілдерінде жарияланатын жаңалықтар мен сараптама интернет-басылымы.",
            "ru": "Интернет-издание новостей и аналитики, выходящее на русском, казахском и английском языках.",
            "en": "An online news and analysis outlet publishing in Russian, Kazakh and English.",
        },
        "description": {
            "ru": """\
Vlast.kz публикует новости, расследования, интервью и аналитику о политике, обществе и экономике Казахстана.
Редакция находится в Алматы.""",
            "en": """\
Vlast.kz publishes news, investigations, interviews and analysis about politics, society and the economy of
Kazakhstan. It is based in Almaty.""",
        },
        "themes": ["media-freedom-of-speech"],
        "form": "media",
        "cities": ["almaty"],
        "is_nationwide": True,
        "is_online": True,
        "activity_status": "active",
        "links": [("website", "https://vlast.kz/")],
        "sources": [
            source("Vlast.kz", "https://vlast.kz/", "Vlast.kz"),
        ],
    },
    {
        "slug": "protests-2019-presidential-election",
        "name": {
            "kk": "2019 жылғы президент сайлауына байланысты наразылықтар",
            "ru": "Протесты вокруг президентских выборов 2019 года",
            "en": "Protests around the 2019 presidential election",
        },
        "summary": {
            "kk": "2019 жылғы 9 маусымдағы кезектен тыс президент сайлауы күні және одан кейін Алматы мен елордада "
            "өткен көше наразылықтары; олар кезінде мыңдаған адам ұсталды.",
            "ru": "Уличные протесты в Алматы и столице в день внеочередных президентских выборов 9 июня 2019 года и "
            "после них; в ходе протестов были задержаны тысячи людей.",
            "en": "Street protests in Almaty and the capital on and after the early presidential election of 9 June "
            "2019, during which thousands of people were detained.",
        },
        "description": {
            "kk": """\
2019 жылғы маусымдағы кезектен тыс президент сайлауы Нұрсұлтан Назарбаевтың наурызда отставкаға кетуінен кейін
өтті. Сайлау күні және одан кейінгі күндері Алматыда және сол кезде Нұр-Сұлтан деп аталған елордада адамдар
наразылық білдіруге жиналды: олардың пікірінше, сайлауда нақты бәсеке болған жоқ. Полиция мыңдаған адамды ұстады.

Бұл наразылықтар 2019 жылғы азаматтық белсенділіктің кең толқынының бір бөлігі болды; осы толқында
*Oyan, Qazaqstan* сияқты жаңа қозғалыстар да пайда болды.""",
            "ru": """\
Внеочередные президентские выборы в июне 2019 года последовали за отставкой Нурсултана Назарбаева в марте.
В день выборов и в следующие дни люди выходили на улицы Алматы и столицы, тогда называвшейся Нур-Султан, чтобы
протестовать против выборов, в которых, по их мнению, не было реальной конкуренции. Полиция задержала тысячи
человек.

Эти протесты были частью более широкой волны гражданской активности 2019 года, которая породила и новые
движения, например *Oyan, Qazaqstan*.""",
            "en": """\
The early presidential election of June 2019 followed the resignation of Nursultan Nazarbayev in March. On
election day and in the following days people gathered in Almaty and the capital, then called Nur-Sultan, to
protest against an election they saw as lacking real competition. Police detained thousands of people.

The protests were part of a wider wave of civic activity in 2019 that also produced new movements such as
*Oyan, Qazaqstan*.""",
        },
        "themes": ["protest-civil-rights"],
        "form": "protest",
        "cities": ["almaty", "astana"],
        "year_started": 2019,
        "year_ended": 2019,
        "activity_status": "inactive",
        "sources": [wikipedia("2019 Kazakh protests")],
    },
    # Drafts: researchers' work in progress, never shown to the public. Their notes are in English only.
    {
        "slug": "karaganda-miners-labour-protests",
        "name": {
            "kk": "Қарағанды облысындағы кеншілердің еңбек наразылықтары",
            "ru": "Трудовые протесты шахтеров в Карагандинской области",
            "en": "Miners' labour protests in the Karaganda region",
        },
        "summary": {
            "kk": "Қарағанды облысының тау-кен қалаларындағы еңбек наразылықтары мен ереуілдер туралы жазбалар.",
            "ru": "Заметки о трудовых протестах и забастовках в шахтерских городах Карагандинской области.",
            "en": "Notes on labour protests and strikes in the mining towns of the Karaganda region.",
        },
        "description": "Research notes in preparation; not yet checked against sources.",
        "themes": ["labour"],
        "form": "protest",
        "cities": ["karaganda", "temirtau"],
        "activity_status": "unknown",
        "publication_status": "review",
    },
    {
        "slug": "oskemen-clean-air-campaigners",
        "name": {
            "kk": "Өскемендегі таза ауа үшін күресушілер",
            "ru": "Борцы за чистый воздух в Усть-Каменогорске",
            "en": "Clean-air campaigners in Oskemen",
        },
        "summary": {
            "kk": "Өскемен мен Риддердегі өнеркәсіптік ауа ластануына қарсы тұрғындар науқандары туралы жазбалар.",
            "ru": "Заметки о кампаниях жителей против промышленного загрязнения воздуха в Усть-Каменогорске и Риддере.",
            "en": "Notes on residents' campaigns about industrial air pollution in Oskemen and Ridder.",
        },
        "description": "Research notes in preparation; not yet checked against sources.",
        "themes": ["ecology"],
        "form": "movement",
        "cities": ["oskemen", "ridder"],
        "activity_status": "unknown",
        "publication_status": "draft",
    },
]

AFFILIATION = {
    "kk": "Орталық Азия стратегиялық зерттеулер институты (демонстрациялық деректер)",
    "ru": "Центральноазиатский институт стратегических исследований (демонстрационные данные)",
    "en": "Central Asia Institute for Strategic Studies (demonstration)",
}

# slug, name, bio, avatar colour (the avatar shows the initials of the English name)
AUTHORS = [
    (
        "aliya-bekova",
        {"kk": "Әлия Бекова", "ru": "Алия Бекова", "en": "Aliya Bekova"},
        {
            "kk": "Осы сайттың демонстрациялық деректері үшін ойдан шығарылған зерттеуші; шын адам емес. "
            "Азаматтық қозғалыстар, наразылықтар және еріктілік туралы жазады.",
            "ru": "Вымышленная исследовательница, созданная для демонстрационных данных этого сайта; не реальный "
            "человек. Пишет о гражданских движениях, протестах и волонтерстве.",
            "en": "Fictional researcher created for the demonstration data of this site; not a real person. "
            "Writes about civic movements, protest and volunteering.",
        },
        "#3b6ea5",
    ),
    (
        "nurlan-esimov",
        {"kk": "Нұрлан Есімов", "ru": "Нурлан Есимов", "en": "Nurlan Esimov"},
        {
            "kk": "Осы сайттың демонстрациялық деректері үшін ойдан шығарылған зерттеуші; шын адам емес. "
            "Өнер, медиа және экологиялық науқандар туралы жазады.",
            "ru": "Вымышленный исследователь, созданный для демонстрационных данных этого сайта; не реальный "
            "человек. Пишет об искусстве, медиа и экологических кампаниях.",
            "en": "Fictional researcher created for the demonstration data of this site; not a real person. "
            "Writes about art, media and environmental campaigns.",
        },
        "#8e5a3c",
    ),
]

# The note added to the end of every demo post body, in each language the body has.
POST_NOTE = {
    "kk": "_Бұл жазба сайттың демонстрациялық деректері үшін жазылған._",
    "ru": "_Эта публикация написана для демонстрационных данных сайта._",
    "en": "_This is a demonstration post written for the sample data._",
}

# "days" is the publication date relative to the first load: negative in the past, positive scheduled.
# Some bodies are left without a Kazakh or Russian version, so that the note about another language can be seen.
POSTS = [
    {
        "slug": "why-we-map-civic-activism",
        "title": {
            "kk": "Қазақстандағы азаматтық белсенділікті неге картаға түсіреміз",
            "ru": "Зачем мы наносим гражданский активизм Казахстана на карту",
            "en": "Why we map civic activism in Kazakhstan",
        },
        "author": "aliya-bekova",
        "days": -60,
        "lead": {
            "kk": "Қазақстандағы азаматтық бастамалар қалаларға, әлеуметтік желілерге және жаңалықтар мұрағаттарына "
            "шашырап жатыр. Карта оларды бір жерге жинап, жергілікті әрекеттердің бір-бірімен қалай "
            "байланысатынын көрсетеді.",
            "ru": "Гражданские инициативы в Казахстане разбросаны по городам, социальным сетям и новостным архивам. "
            "Карта собирает их вместе и показывает, как связаны между собой местные действия.",
            "en": "Civic initiatives in Kazakhstan are scattered across cities, social networks and news archives. "
            "A map brings them together and shows how local action connects.",
        },
        "body": {
            "kk": """\
## Көптеген шағын бастамалар

Қазақстандағы азаматтық белсенділіктің басым бөлігі шағын: еріктілер тобы, феминистік ұжым, карикатурашы,
саябақ туралы петиция. Әрқайсысын өз жазылушылары көреді, ал зерттеушілер мен басқа қалалардың тұрғындары
сирек біледі.

## Картада не тіркеледі

Әр бастаманың тақырыптарын, әрекет түрін, жұмыс істейтін қалаларын және әлі де белсенді екенін белгілейміз.
Егер дерек расталмаса, өріс болжаммен толтырылмай, бос қалады.

## Картаны қалай оқу керек

- Бастамалар ең көп Алматы мен Астанада, бірақ көптеген науқандар басқа өңірлерге де жетеді.
- Тек онлайн жұмыс істейтін бастамалар картада белгі ретінде емес, тізімдерде көрсетіледі.""",
            "ru": """\
## Много небольших инициатив

Большая часть гражданского активизма в Казахстане невелика: группа волонтеров, феминистский коллектив,
карикатурист, петиция о парке. Каждую инициативу видят ее подписчики, но редко — исследователи или жители
других городов.

## Что отмечено на карте

Для каждой инициативы мы указываем ее темы, форму действия, города, где она работает, и продолжает ли она
работать. Если факт не удается подтвердить, поле остается пустым, а не заполняется догадкой.

## Как читать карту

- Больше всего инициатив в Алматы и Астане, но многие кампании доходят и до других регионов.
- Инициативы, которые работают только онлайн, показаны в списках, а не маркерами на карте.""",
            "en": """\
## Many small initiatives

Most civic activism in Kazakhstan is small: a group of volunteers, a feminist collective, a cartoonist, a petition
about a park. Each is visible to its own followers, rarely to researchers or to people in other cities.

## What the map records

For each initiative we note its themes, its form of action, the cities where it works and whether it is still
active. Where a fact cannot be confirmed, the field stays empty rather than guessed.

## Reading the map

- Almaty and Astana have the most initiatives, but many campaigns reach other regions.
- Initiatives that work only online appear in the lists rather than as markers.""",
        },
        "initiatives": ["oyan-qazaqstan", "you-cant-run-from-the-truth", "protests-2019-presidential-election"],
        "themes": ["protest-civil-rights"],
    },
    {
        "slug": "satire-as-civic-speech",
        "title": {
            "kk": "Сатира азаматтық үн ретінде: карикатуралар, комикстер және әндер",
            "ru": "Сатира как гражданское высказывание: карикатуры, комиксы и песни",
            "en": "Satire as civic speech: cartoons, comics and songs",
        },
        "author": "nurlan-esimov",
        "days": -40,
        "lead": {
            "kk": "Карикатурашылар, веб-комикс авторлары мен музыканттар саяси талдауды сирек оқитын адамдарға да "
            "жетеді. Әзіл оларға тікелей талқылау қиын тақырыптарды көтеруге мүмкіндік береді.",
            "ru": "Карикатуристы, авторы веб-комиксов и музыканты доходят до людей, которые редко читают "
            "политическую аналитику. Юмор позволяет им поднимать темы, которые трудно обсуждать напрямую.",
            "en": "Cartoonists, webcomic authors and musicians reach people who rarely read political commentary. "
            "Humour lets them raise subjects that are hard to discuss directly.",
        },
        # No Kazakh body: the Kazakh page shows the Russian one and says so.
        "body": {
            "ru": """\
## Рисунок расходится быстрее статьи

Одной карикатурой могут поделиться тысячи раз за день. Такие персонажи, как *Уятмен* Мурата Дильманова, стали
коротким обозначением целой общественной дискуссии о том, кто решает, что считать постыдным.

## Повседневная жизнь как тема

Веб-комиксы вроде *LeShapalaque* отталкиваются от обычных ситуаций и позволяют читателям узнать стоящие за ними
социальные проблемы.

## Старая традиция

*Акын*, поэт-импровизатор, веками откликался на общественную жизнь. Музыканты, которые берут себе это имя,
ставят себя в тот же ряд.""",
            "en": """\
## A drawing travels faster than an article

A single cartoon can be shared thousands of times in a day. Characters such as Murat Dilmanov's *Uyatman* became
shorthand for a whole public debate about who decides what is shameful.

## Everyday life as a subject

Webcomics like *LeShapalaque* start from ordinary situations and let readers recognise the social problems
behind them.

## An old tradition

The *akyn*, the improvising poet-singer, has commented on public life for centuries. Musicians who borrow the name
place themselves in that line.""",
        },
        "initiatives": ["murat-dilmanov", "leshapalaque", "akyn-akynych"],
        "themes": ["art-activism", "media-freedom-of-speech"],
    },
    {
        "slug": "volunteers-in-an-emergency",
        "title": {
            "kk": "Төтенше жағдайдағы еріктілер: карантиннен су тасқынына дейін",
            "ru": "Волонтеры в чрезвычайной ситуации: от карантина до паводков",
            "en": "Volunteers in an emergency: from lockdown to floods",
        },
        "author": "aliya-bekova",
        "days": -20,
        "lead": {
            "kk": "2020 жылы да, 2024 жылы да еріктілер көптеген мекемелерден жылдам ұйымдасты. Олар не істеді және "
            "төтенше жағдай аяқталғаннан кейін не қалады?",
            "ru": "В 2020 году и снова в 2024-м волонтеры организовались быстрее многих учреждений. Что они делали "
            "и что остается, когда чрезвычайная ситуация позади?",
            "en": "In 2020 and again in 2024, volunteers organised faster than many institutions. What did they do, "
            "and what remains once the emergency is over?",
        },
        "body": {
            "kk": """\
## 2020 жыл: азық-түлік пен дәрі-дәрмек

COVID-19 карантині кезінде Алматы, Астана және басқа қалалардағы еріктілер топтары үйден шыға алмайтын егде
адамдарға азық-түлік пен дәрі-дәрмек жеткізді.

## 2024 жыл: құм қаптары мен уақытша баспаналар

2024 жылғы көктемгі су тасқыны кезінде мыңдаған ерікті зардап шеккен өңірлерге барды немесе олардан алыстағы
көмек жинау пункттерінде жұмыс істеді.

## Не қалады

Төтенше жағдай кезінде пайда болған чаттар, байланыс тізімдері мен сенім көбіне сол жағдайдан кейін де сақталып,
келесі жергілікті бастамаға негіз болады.""",
            "ru": """\
## 2020: продукты и лекарства

Во время карантина из-за COVID-19 волонтерские группы в Алматы, Астане и других городах доставляли продукты
и лекарства пожилым людям, которые не могли выйти из дома.

## 2024: мешки с песком и временное жилье

Весенние паводки 2024 года привели тысячи волонтеров в пострадавшие регионы и в пункты сбора помощи далеко
от них.

## Что остается

Чаты, списки контактов и доверие, возникшие во время чрезвычайной ситуации, часто переживают ее и становятся
основой для следующей местной инициативы.""",
            "en": """\
## 2020: groceries and medicine

During the COVID-19 quarantine, volunteer groups in Almaty, Astana and other cities delivered food and medicine to
older people who could not leave home.

## 2024: sandbags and shelters

The spring floods of 2024 brought thousands of volunteers to the affected regions and to aid collection points far
away from them.

## What remains

Chats, contact lists and trust built during an emergency often outlive it, and become the base for the next local
initiative.""",
        },
        "initiatives": ["covid-19-volunteers-2020", "flood-relief-volunteers-2024"],
        "themes": ["citizen-assistance"],
    },
    {
        "slug": "from-semey-to-kok-zhailau",
        "title": {
            "kk": "Семейден Көкжайлауға дейін: экологиялық науқандар",
            "ru": "От Семея до Кок-Жайляу: экологические кампании",
            "en": "From Semey to Kok-Zhailau: environmental campaigns",
        },
        "author": "nurlan-esimov",
        "days": -7,
        "lead": {
            "kk": "1989 жылғы антиядролық қозғалыстан бері экологиялық мәселелер Қазақстанда адамдарды біріктіріп "
            "келеді. Бүгінгі науқандар жергілікті сипатта, бірақ табандылығы бұрынғыдан кем емес.",
            "ru": "Экологические проблемы объединяют людей в Казахстане со времен антиядерного движения 1989 года. "
            "Сегодня кампании стали более локальными, но не менее упорными.",
            "en": "Environmental issues have brought people together in Kazakhstan since the anti-nuclear movement of "
            "1989. Today the campaigns are more local, but no less persistent.",
        },
        # English only.
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
        "title": {
            "kk": "8 наурыз шерулері: феминистік ұйымдасу және бейбіт жиналыс құқығы",
            "ru": "Марши 8 Марта: феминистская самоорганизация и право на мирные собрания",
            "en": "Marching on 8 March: feminist organising and the right to assemble",
        },
        "author": "aliya-bekova",
        "days": 30,
        "lead": {
            "kk": "Феминистік топтар жыл сайын Халықаралық әйелдер күні шеру өткізуге қаладан рұқсат сұрайды. "
            "Берілген жауап жиналыстар туралы заңның іс жүзінде қалай жұмыс істейтінін көрсетеді.",
            "ru": "Каждый год феминистские группы просят у города разрешения пройти маршем в Международный женский "
            "день. Ответ показывает, как закон о собраниях работает на практике.",
            "en": "Every year feminist groups ask the city for permission to march on International Women's Day. "
            "The answer shows how the law on assemblies works in practice.",
        },
        # No Kazakh body.
        "body": {
            "ru": """\
## Просить разрешения

Феминистские группы в Алматы выходят на марш 8 марта с конца 2010-х годов. Для каждого марша нужно согласие
акимата города, и каждый год ответ заранее неизвестен.

## Закон 2020 года

Закон о мирных собраниях, принятый в 2020 году, преподносили как упрощение. Критики уже тогда говорили, что
в нем осталось слишком много ограничений, и выступали против него в интернете.""",
            "en": """\
## Asking for permission

Feminist groups in Almaty have marched on 8 March since the late 2010s. Each march needs the agreement of the
city administration, and each year the answer is uncertain.

## The 2020 law

The law on peaceful assemblies adopted in 2020 was presented as a simplification. Critics said at the time that it
kept too many restrictions, and campaigned against it online.""",
        },
        "initiatives": ["feminita", "womens-day-marches-almaty", "we-do-not-need-such-a-law"],
        "themes": ["gender-feminism", "protest-civil-rights"],
    },
]
