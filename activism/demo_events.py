"""Demonstration events loaded by `python manage.py load_demo`: things that happened, from public record.

Each event has a public source and the date precision the sources support: a month or a year where the day is not
certain. Fewer true events beat more invented ones, so the list is short and the outcome figures are left empty
unless a widely reported figure exists (and the description says whose figure it is). Titles and summaries name no
private person. The trial of 2012 is marked sensitive, as its defendants are private persons: the public sees only
its region, and its title, summary and slug name no town. One event is a draft.

Fields as demo_data.INITIATIVES: translated text is a dict {"kk": ..., "ru": ..., "en": ...}; a field left out takes
the model's empty value. "city" is a city slug of demo_data.CITIES, "region" a region slug for an event placed only
in its region.
"""

from .demo_data import wikipedia

ZHANAOZEN = wikipedia("Zhanaozen massacre")
LAND_PROTESTS = wikipedia("2016 Kazakh protests")
PROTESTS_2019 = wikipedia("2019 Kazakh protests")
UNREST_2022 = wikipedia("2022 Kazakh unrest")
COVID = wikipedia("COVID-19 pandemic in Kazakhstan")
ASSEMBLY_LAW = {
    "title": 'Law "On the procedure for organising and holding peaceful assemblies in the Republic of Kazakhstan" '
    "of 25 May 2020",
    "url": "",
    "publisher": "Adilet, the legal information system of the Ministry of Justice",
    "published_on": "2020-05-25",
}

EVENTS = [
    {
        "slug": "oil-workers-strike-2011",
        "date": "2011-05-01",
        "precision": "month",
        "kind": "protest",
        "city": "zhanaozen",
        "title": {
            "kk": "Жаңаөзен мұнайшылары ереуілге шықты",
            "ru": "Нефтяники Жанаозена начинают забастовку",
            "en": "Zhanaozen oil workers go on strike",
        },
        "summary": {
            "kk": "Мемлекеттік мұнай компаниясының жұмысшылары жалақыны көтеруді және еңбек жағдайын "
            "жақсартуды талап етіп, ереуілге шықты; ереуіл заңсыз деп танылып, көп жұмысшы жұмыстан шығарылды.",
            "ru": "Работники государственной нефтяной компании объявили забастовку с требованием повысить "
            "зарплату и улучшить условия труда; забастовку признали незаконной, многих уволили.",
            "en": "Workers of a state oil company struck for higher pay and better conditions; the strike "
            "was declared illegal and many strikers were dismissed.",
        },
        "themes": ["labour"],
        "initiatives": ["zhanaozen-oil-workers-strike-2011"],
        "sources": [ZHANAOZEN],
    },
    {
        "slug": "independence-day-shooting-2011",
        "date": "2011-12-16",
        "kind": "protest",
        "city": "zhanaozen",
        "title": {
            "kk": "Жаңаөзендегі Тәуелсіздік күнгі қақтығыс",
            "ru": "Столкновения в Жанаозене в День независимости",
            "en": "Clashes in Zhanaozen on Independence Day",
        },
        "summary": {
            "kk": "Ереуілшілер айлар бойы тұрған алаңдағы қақтығыс кезінде полиция оқ атты; ресми деректер "
            "бойынша кемінде 14 адам қаза тапты.",
            "ru": "Во время столкновений на площади, где месяцами стояли бастующие, полиция открыла огонь; по "
            "официальным данным, погибли по меньшей мере 14 человек.",
            "en": "During clashes in the square the strikers had occupied for months, police opened fire; at "
            "least 14 people were killed, according to official figures.",
        },
        "themes": ["labour", "protest-civil-rights"],
        "initiatives": ["zhanaozen-oil-workers-strike-2011"],
        "sources": [ZHANAOZEN],
    },
    {
        "slug": "state-of-emergency-december-2011",
        "date": "2011-12-01",
        "precision": "month",
        "kind": "law_change",
        "city": "zhanaozen",
        "title": {
            "kk": "Жаңаөзенде төтенше жағдай жарияланды",
            "ru": "В Жанаозене введено чрезвычайное положение",
            "en": "A state of emergency is declared in Zhanaozen",
        },
        "summary": {
            "kk": "Желтоқсандағы оқиғалардан кейін қалада төтенше жағдай мен коменданттық сағат енгізілді.",
            "ru": "После декабрьских событий в городе ввели чрезвычайное положение и комендантский час.",
            "en": "After the December clashes a state of emergency and a curfew were imposed on the town.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["zhanaozen-oil-workers-strike-2011"],
        "sources": [ZHANAOZEN],
    },
    {
        "slug": "railway-clash-december-2011",
        "date": "2011-12-17",
        "kind": "protest",
        "region": "mangystau",
        "title": {
            "kk": "Теміржол стансасындағы қақтығыс",
            "ru": "Столкновение на железнодорожной станции",
            "en": "Clash at a railway station",
        },
        "summary": {
            "kk": "Тәуелсіздік күнгі оқиғалардың ертеңінде облыстағы бір кентте наразылар теміржолды жауып, "
            "полициямен қақтығысты.",
            "ru": "На следующий день после событий в День независимости жители посёлка в той же области перекрыли "
            "железную дорогу; произошло столкновение с полицией.",
            "en": "The day after the Independence Day shooting, protesters blocked the railway at a village in the "
            "same region and clashed with police.",
        },
        "themes": ["labour", "protest-civil-rights"],
        "initiatives": ["zhanaozen-oil-workers-strike-2011"],
        "sources": [ZHANAOZEN],
    },
    {
        "slug": "oil-workers-trial-2012",
        # The defendants are private persons: the public sees the region only.
        "is_sensitive": True,
        "date": "2012-06-01",
        "precision": "month",
        "kind": "court_case",
        "city": "aktau",
        "title": {
            "kk": "Мұнайшылар ісі бойынша сот үкімі",
            "ru": "Приговор по делу нефтяников",
            "en": "Verdict in the oil workers' trial",
        },
        "summary": {
            "kk": "Желтоқсандағы оқиғаларға қатысты айыпталған мұнайшыларға үкім шығарылды; бірнешеуі бас "
            "бостандығынан айырылды.",
            "ru": "Суд вынес приговор нефтяникам, обвинённым в связи с декабрьскими событиями; несколько человек "
            "приговорены к лишению свободы.",
            "en": "A court sentenced oil workers charged over the December events; several were given prison terms.",
        },
        "themes": ["labour", "protest-civil-rights"],
        "initiatives": ["zhanaozen-oil-workers-strike-2011"],
        "sources": [ZHANAOZEN],
    },
    {
        "slug": "atyrau-land-rally-2016",
        "date": "2016-04-24",
        "kind": "protest",
        "city": "atyrau",
        "title": {
            "kk": "Атыраудағы жер реформасына қарсы митинг",
            "ru": "Митинг против земельной реформы в Атырау",
            "en": "Rally against the land reform in Atyrau",
        },
        "summary": {
            "kk": "Ауыл шаруашылығы жерін сатуға және шетелдіктерге ұзақ мерзімге жалға беруге мүмкіндік беретін "
            "Жер кодексі түзетулеріне қарсы алғашқы ірі митинг.",
            "ru": "Первый крупный митинг против поправок в Земельный кодекс, позволявших продавать "
            "сельскохозяйственные земли и сдавать их иностранцам в долгосрочную аренду.",
            "en": "The first large rally against amendments to the Land Code that would have allowed farmland to be "
            "sold and leased to foreigners for long terms.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [LAND_PROTESTS],
    },
    {
        "slug": "aktobe-land-rally-2016",
        "date": "2016-04-01",
        "precision": "month",
        "kind": "protest",
        "city": "aktobe",
        "title": {
            "kk": "Жер митингтері Ақтөбеге жетті",
            "ru": "Земельные митинги доходят до Актобе",
            "en": "Land protests reach Aktobe",
        },
        "summary": {
            "kk": "Атыраудан кейін жер реформасына қарсы жиындар Ақтөбеде және басқа облыс орталықтарында өтті.",
            "ru": "Вслед за Атырау собрания против земельной реформы прошли в Актобе и других областных центрах.",
            "en": "After Atyrau, gatherings against the land reform were held in Aktobe and other regional centres.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [LAND_PROTESTS],
    },
    {
        "slug": "land-code-moratorium-2016",
        "date": "2016-05-05",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "Жер кодексі түзетулеріне мораторий",
            "ru": "Мораторий на поправки в Земельный кодекс",
            "en": "Moratorium on the Land Code amendments",
        },
        "summary": {
            "kk": "Наразылық толқынынан кейін Президент даулы нормаларды қолдануға мораторий жариялады.",
            "ru": "После волны протестов президент объявил мораторий на применение спорных норм.",
            "en": "After the wave of protests the President announced a moratorium on the disputed provisions.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [LAND_PROTESTS],
    },
    {
        "slug": "land-rally-detentions-2016",
        "date": "2016-05-21",
        "kind": "detention",
        "city": "almaty",
        "title": {
            "kk": "Жер митингіне жиналғандарды ұстау",
            "ru": "Задержания на несанкционированных земельных митингах",
            "en": "Detentions at unauthorised land rallies",
        },
        "summary": {
            "kk": "Алматыда және Астанада жер реформасына қарсы жоспарланған митингілерге келгендерді полиция ұстады.",
            "ru": "Полиция задерживала людей, пришедших на запланированные митинги против земельной реформы в "
            "Алматы и Астане.",
            "en": "Police detained people who came to planned rallies against the land reform in Almaty and Astana.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [LAND_PROTESTS],
    },
    {
        "slug": "atyrau-organisers-sentenced-2016",
        "date": "2016-11-01",
        "precision": "month",
        "kind": "court_case",
        "city": "atyrau",
        "title": {
            "kk": "Атыраудағы жер митингін ұйымдастырушыларға үкім",
            "ru": "Приговор организаторам земельного митинга в Атырау",
            "en": "Organisers of the Atyrau land rally sentenced",
        },
        "summary": {
            "kk": "Сот Атыраудағы митингтің екі ұйымдастырушысын бес жылға бас бостандығынан айырды.",
            "ru": "Суд приговорил двух организаторов митинга в Атырау к пяти годам лишения свободы.",
            "en": "A court sentenced two organisers of the Atyrau rally to five years in prison.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [LAND_PROTESTS],
    },
    {
        "slug": "dvk-declared-extremist-2018",
        "date": "2018-03-01",
        "precision": "month",
        "kind": "pressure",
        "city": "astana",
        "title": {
            "kk": "«Қазақстанның демократиялық таңдауы» экстремистік деп танылды",
            "ru": "«Демократический выбор Казахстана» признан экстремистским",
            "en": "Democratic Choice of Kazakhstan declared extremist",
        },
        "summary": {
            "kk": "Астанадағы сот шетелдегі оппозициялық қозғалысты экстремистік деп танып, оны қолдауды "
            "қылмыстық жауапкершілікке әкелетін іске айналдырды.",
            "ru": "Суд в Астане признал зарубежное оппозиционное движение экстремистским, после чего поддержка "
            "движения стала уголовно наказуемой.",
            "en": "A court in Astana declared the exiled opposition movement extremist, making support for it a "
            "criminal offence.",
        },
        "themes": ["protest-civil-rights", "media-freedom-of-speech"],
        "sources": [wikipedia("Democratic Choice of Kazakhstan")],
    },
    {
        "slug": "mothers-protests-2019",
        "date": "2019-02-01",
        "precision": "month",
        "kind": "protest",
        "city": "astana",
        "title": {
            "kk": "Көпбалалы аналардың наразылығы",
            "ru": "Протесты многодетных матерей",
            "en": "Protests of mothers of large families",
        },
        "summary": {
            "kk": "Астанадағы өртте бес бала қаза тапқаннан кейін аналар әлеуметтік көмек пен тұрғын үй талап "
            "етіп, әкімдіктерге жиналды.",
            "ru": "После пожара в Астане, в котором погибли пятеро детей, матери собирались у акиматов, требуя "
            "социальной помощи и жилья.",
            "en": "After a house fire in Astana killed five children, mothers gathered at local administrations "
            "demanding social support and housing.",
        },
        "themes": ["protest-civil-rights", "citizen-assistance"],
        "sources": [PROTESTS_2019],
    },
    {
        "slug": "capital-renaming-pickets-2019",
        "date": "2019-03-01",
        "precision": "month",
        "kind": "solo_picket",
        "city": "astana",
        "title": {
            "kk": "Астананың атын өзгертуге қарсы пикеттер",
            "ru": "Пикеты против переименования Астаны",
            "en": "Pickets against renaming the capital",
        },
        "summary": {
            "kk": "Тұңғыш президент отставкаға кеткеннен кейін астананың аты өзгертілді; бұған қарсы шыққан "
            "жеке пикетшілер ұсталды.",
            "ru": "После отставки первого президента столицу переименовали; вышедших против этого одиночных "
            "пикетчиков задерживали.",
            "en": "After the first President resigned the capital was renamed; people who held solo pickets against "
            "it were detained.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [PROTESTS_2019],
    },
    {
        "slug": "almaty-marathon-banner-2019",
        "date": "2019-04-21",
        "kind": "art_action",
        "city": "almaty",
        "detained": 2,
        "title": {
            "kk": "Алматы марафонындағы баннер",
            "ru": "Баннер на Алматинском марафоне",
            "en": "Banner at the Almaty Marathon",
        },
        "summary": {
            "kk": "Екі жас белсенді марафон бағытында «Шындықтан қашып құтыла алмайсың» деген баннер жайып, "
            "қысқа мерзімге қамалды.",
            "ru": "Двое молодых активистов развернули на трассе марафона баннер «От правды не убежишь» и получили "
            "короткие административные аресты.",
            "en": 'Two young activists unfurled a "You can\'t run from the truth" banner on the marathon route and '
            "were given short administrative arrests.",
        },
        "themes": ["protest-civil-rights", "art-activism"],
        "initiatives": ["you-cant-run-from-the-truth", "oyan-qazaqstan"],
        "sources": [wikipedia("Oyan, Qazaqstan")],
    },
    {
        "slug": "election-day-protests-2019",
        "date": "2019-06-09",
        "kind": "protest",
        "city": "almaty",
        "detained": 500,
        "title": {
            "kk": "Сайлау күнгі наразылықтар",
            "ru": "Протесты в день выборов",
            "en": "Election day protests",
        },
        "summary": {
            "kk": "Кезектен тыс президент сайлауы күні Алматы мен елордада наразылар көшеге шықты; ІІМ "
            "мәліметінше, шамамен 500 адам ұсталды.",
            "ru": "В день внеочередных президентских выборов в Алматы и столице люди вышли на улицы; по данным "
            "МВД, задержаны около 500 человек.",
            "en": "On the day of the early presidential election people protested in Almaty and the capital; about "
            "500 were detained, according to the interior ministry.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["protests-2019-presidential-election"],
        "sources": [PROTESTS_2019, wikipedia("2019 Kazakh presidential election")],
    },
    {
        "slug": "post-election-protests-2019",
        "date": "2019-06-01",
        "precision": "month",
        "kind": "detention",
        "is_nationwide": True,
        "title": {
            "kk": "Сайлаудан кейінгі жаппай ұстаулар",
            "ru": "Массовые задержания после выборов",
            "en": "Mass detentions after the election",
        },
        "summary": {
            "kk": "Сайлаудан кейінгі күндері наразылықтар жалғасып, бірнеше қалада мыңдаған адам ұсталды.",
            "ru": "В дни после выборов протесты продолжались; в нескольких городах задержаны тысячи человек.",
            "en": "Protests went on in the days after the election, and thousands of people were detained in "
            "several cities.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["protests-2019-presidential-election"],
        "sources": [PROTESTS_2019],
    },
    {
        "slug": "rallies-against-chinese-expansion-2019",
        "date": "2019-09-01",
        "precision": "month",
        "kind": "protest",
        "is_nationwide": True,
        "title": {
            "kk": "Қытай компанияларының кеңеюіне қарсы жиындар",
            "ru": "Митинги против экспансии китайских компаний",
            "en": "Rallies against Chinese business expansion",
        },
        "summary": {
            "kk": "Жаңаөзенде, Алматыда, елордада және басқа қалаларда Қытай кәсіпорындарын салуға қарсы "
            "жиындар өтіп, қатысушылар ұсталды.",
            "ru": "В Жанаозене, Алматы, столице и других городах прошли митинги против строительства китайских "
            "предприятий; участников задерживали.",
            "en": "Rallies against the building of Chinese-funded plants were held in Zhanaozen, Almaty, the capital "
            "and other cities; participants were detained.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [PROTESTS_2019],
    },
    {
        "slug": "covid-state-of-emergency-2020",
        "date": "2020-03-15",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "COVID-19 кезіндегі төтенше жағдай",
            "ru": "Чрезвычайное положение из-за COVID-19",
            "en": "State of emergency over COVID-19",
        },
        "summary": {
            "kk": "Төтенше жағдай жарияланып, Алматы мен елордада карантин енгізілді; көпшілік жиындарға тыйым "
            "салынды.",
            "ru": "Объявлено чрезвычайное положение, в Алматы и столице введён карантин; массовые собрания запрещены.",
            "en": "A state of emergency was declared and Almaty and the capital were put under quarantine; public "
            "gatherings were banned.",
        },
        "themes": ["protest-civil-rights", "citizen-assistance"],
        "sources": [COVID],
    },
    {
        "slug": "quarantine-volunteers-2020",
        "date": "2020-03-01",
        "precision": "month",
        "kind": "mutual_aid",
        "city": "almaty",
        "title": {
            "kk": "Карантиндегі еріктілер көмегі",
            "ru": "Помощь волонтёров на карантине",
            "en": "Volunteers help during the quarantine",
        },
        "summary": {
            "kk": "Еріктілер қайырымдылық жинап, қарт және әлсіз адамдарға азық-түлік пен дәрі жеткізді.",
            "ru": "Волонтёры собирали пожертвования и доставляли продукты и лекарства пожилым и уязвимым людям.",
            "en": "Volunteers collected donations and delivered groceries and medicine to older and vulnerable people.",
        },
        "themes": ["citizen-assistance"],
        "initiatives": ["covid-19-volunteers-2020"],
        "sources": [COVID],
    },
    {
        "slug": "campaign-against-assembly-law-2020",
        "date": "2020-01-01",
        "precision": "year",
        "kind": "online_campaign",
        "is_online": True,
        "title": {
            "kk": "«Бізге мұндай заң керек емес» онлайн науқаны",
            "ru": "Онлайн-кампания «Нам не нужен такой закон»",
            "en": '"We do not need such a law" online campaign',
        },
        "summary": {
            "kk": "2020 жылдың көктемінде бейбіт жиналыстар туралы заң жобасына қарсылар жиындарға тыйым "
            "салынған кезде пікірлерін интернетте ортақ хэштегпен білдірді.",
            "ru": "Весной 2020 года противники законопроекта о мирных собраниях, когда собрания были запрещены, "
            "выражали несогласие в интернете под общим хештегом.",
            "en": "In spring 2020, with gatherings banned, opponents of the bill on peaceful assemblies voiced their "
            "objections online under a common hashtag.",
        },
        "themes": ["protest-civil-rights", "media-freedom-of-speech"],
        "initiatives": ["we-do-not-need-such-a-law"],
        "sources": [ASSEMBLY_LAW],
    },
    {
        "slug": "peaceful-assembly-law-2020",
        "date": "2020-05-25",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "Бейбіт жиналыстар туралы заңға қол қойылды",
            "ru": "Подписан закон о мирных собраниях",
            "en": "The law on peaceful assemblies is signed",
        },
        "summary": {
            "kk": "Жаңа заң жиналыстарды рұқсат беру тәртібінің орнына хабарлама беру тәртібімен өткізуге "
            "мүмкіндік берді, бірақ орын мен уақытқа қатысты шектеулерді сақтады.",
            "ru": "Новый закон заменил разрешительный порядок уведомительным, но сохранил ограничения по месту и "
            "времени собраний.",
            "en": "The new law replaced permission with notification for most gatherings but kept restrictions on "
            "where and when they may be held.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["we-do-not-need-such-a-law"],
        "sources": [ASSEMBLY_LAW],
    },
    {
        "slug": "election-day-kettling-2021",
        "date": "2021-01-10",
        "kind": "protest",
        "city": "almaty",
        "title": {
            "kk": "Парламент сайлауы күні Алматыда наразыларды қоршау",
            "ru": "Оцепление протестующих в Алматы в день парламентских выборов",
            "en": "Protesters kettled in Almaty on parliamentary election day",
        },
        "summary": {
            "kk": "Сайлау күні Алматыда жиналған наразыларды полиция аязда бірнеше сағат бойы қоршауда ұстады.",
            "ru": "В день выборов полиция несколько часов держала собравшихся в Алматы протестующих в оцеплении на "
            "морозе.",
            "en": "On election day police kept protesters who had gathered in Almaty encircled for hours in the "
            "freezing cold.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [wikipedia("2021 Kazakh legislative election")],
    },
    {
        "slug": "zhanaozen-gas-price-protest-2022",
        "date": "2022-01-02",
        "kind": "protest",
        "city": "zhanaozen",
        "title": {
            "kk": "Жаңаөзендегі газ бағасына қарсы наразылық",
            "ru": "Протест против цен на газ в Жанаозене",
            "en": "Protest against the gas price in Zhanaozen",
        },
        "summary": {
            "kk": "Сұйытылған газдың бағасы бір түнде екі есе өскеннен кейін тұрғындар қала алаңына жиналды.",
            "ru": "После того как цена сжиженного газа за ночь выросла вдвое, жители вышли на городскую площадь.",
            "en": "Residents gathered in the town square after the price of liquefied gas doubled overnight.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "aktau-protests-2022",
        "date": "2022-01-01",
        "precision": "month",
        "kind": "protest",
        "city": "aktau",
        "title": {
            "kk": "Ақтаудағы наразылықтар",
            "ru": "Протесты в Актау",
            "en": "Protests in Aktau",
        },
        "summary": {
            "kk": "Жаңаөзеннен кейін Маңғыстау облысының орталығында да мыңдаған адам алаңға шықты.",
            "ru": "Вслед за Жанаозеном тысячи людей вышли на площадь в центре Мангистауской области.",
            "en": "Following Zhanaozen, thousands of people took to the main square of the Mangystau regional centre.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "almaty-protests-2022",
        "date": "2022-01-04",
        "kind": "protest",
        "city": "almaty",
        "title": {
            "kk": "Алматыдағы наразылықтар",
            "ru": "Протесты в Алматы",
            "en": "Protests in Almaty",
        },
        "summary": {
            "kk": "Наразылықтар Алматыға жетіп, талаптар әлеуметтік және саяси мәселелерге дейін кеңейді.",
            "ru": "Протесты дошли до Алматы, и требования расширились до социальных и политических.",
            "en": "The protests reached Almaty and the demands widened to social and political issues.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "government-resigns-emergency-2022",
        "date": "2022-01-05",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "Үкімет отставкаға кетті, төтенше жағдай жарияланды",
            "ru": "Отставка правительства и чрезвычайное положение",
            "en": "The government resigns and a state of emergency is declared",
        },
        "summary": {
            "kk": "Наразылықтардан кейін Президент үкіметтің отставкасын қабылдап, төтенше жағдай жариялады.",
            "ru": "После протестов президент принял отставку правительства и ввёл чрезвычайное положение.",
            "en": "After the protests the President accepted the government's resignation and declared a state of "
            "emergency.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "internet-shutdown-2022",
        "date": "2022-01-01",
        "precision": "month",
        "kind": "pressure",
        "is_nationwide": True,
        "title": {
            "kk": "Қаңтар оқиғалары кезінде интернеттің өшірілуі",
            "ru": "Отключение интернета во время январских событий",
            "en": "Internet shutdown during the January events",
        },
        "summary": {
            "kk": "Бірнеше күн бойы бүкіл елде интернет пен мобильді байланыс өшірілді.",
            "ru": "На несколько дней по всей стране были отключены интернет и мобильная связь.",
            "en": "Internet and mobile connections were cut across the country for several days.",
        },
        "themes": ["media-freedom-of-speech", "protest-civil-rights"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "january-detentions-2022",
        "date": "2022-01-01",
        "precision": "month",
        "kind": "detention",
        "is_nationwide": True,
        "title": {
            "kk": "Қаңтар оқиғаларынан кейінгі жаппай ұстаулар",
            "ru": "Массовые задержания после январских событий",
            "en": "Mass detentions after the January events",
        },
        "summary": {
            "kk": "ІІМ мәліметінше, елде он мыңға жуық адам ұсталды; азаптау туралы шағымдар түсті.",
            "ru": "По данным МВД, по стране были задержаны около десяти тысяч человек; поступали жалобы на пытки.",
            "en": "Close to 10,000 people were detained across the country, according to the interior ministry; "
            "complaints of torture followed.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "constitutional-referendum-2022",
        "date": "2022-06-05",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "Конституциялық референдум",
            "ru": "Конституционный референдум",
            "en": "Constitutional referendum",
        },
        "summary": {
            "kk": "Қаңтар оқиғаларынан кейін уәде етілген саяси реформалар бойынша Конституцияға түзетулер "
            "референдумда қабылданды.",
            "ru": "Поправки в Конституцию, обещанные как политические реформы после январских событий, приняты на "
            "референдуме.",
            "en": "Constitutional amendments, presented as the political reforms promised after the January events, "
            "were approved in a referendum.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [wikipedia("2022 Kazakh constitutional referendum")],
    },
    {
        "slug": "gas-price-cut-mangystau-2022",
        "date": "2022-01-01",
        "precision": "month",
        "kind": "law_change",
        "region": "mangystau",
        "title": {
            "kk": "Маңғыстауда газ бағасы төмендетілді",
            "ru": "Снижение цены на газ в Мангистау",
            "en": "The gas price is cut in Mangystau",
        },
        "summary": {
            "kk": "Наразылықтардың алғашқы күндерінде үкімет облыста сұйытылған газ бағасын төмендетуге уәде берді.",
            "ru": "В первые дни протестов правительство пообещало снизить цену сжиженного газа в области.",
            "en": "In the first days of the protests the government promised to lower the price of liquefied gas in "
            "the region.",
        },
        "themes": ["protest-civil-rights"],
        "initiatives": ["january-2022-gas-price-protests"],
        "sources": [UNREST_2022],
    },
    {
        "slug": "reform-address-2022",
        "date": "2022-03-16",
        "kind": "law_change",
        "is_nationwide": True,
        "title": {
            "kk": "Саяси реформалар туралы Жолдау",
            "ru": "Послание о политических реформах",
            "en": "Address announcing political reforms",
        },
        "summary": {
            "kk": "Қаңтар оқиғаларынан кейін Президент Жолдауында парламенттің өкілеттігін кеңейту мен саяси "
            "реформаларды ұсынды.",
            "ru": "После январских событий президент в Послании предложил расширить полномочия парламента и "
            "провести политические реформы.",
            "en": "After the January events the President's address proposed wider powers for parliament and other "
            "political reforms.",
        },
        "themes": ["protest-civil-rights"],
        "sources": [wikipedia("2022 Kazakh constitutional referendum")],
    },
    {
        "slug": "flood-relief-2024",
        "date": "2024-04-01",
        "precision": "month",
        "kind": "mutual_aid",
        "city": "petropavl",
        "title": {
            "kk": "Су тасқыны кезіндегі еріктілер көмегі",
            "ru": "Помощь волонтёров во время паводков",
            "en": "Volunteer relief during the floods",
        },
        "summary": {
            "kk": "Көктемгі су тасқыны кезінде еріктілер көшіруге, қап толтыруға және ыстық тамақ таратуға көмектесті.",
            "ru": "Во время весенних паводков волонтёры помогали с эвакуацией, мешками с песком и горячим питанием.",
            "en": "During the spring floods volunteers helped with evacuation, sandbags and hot meals.",
        },
        "themes": ["citizen-assistance"],
        "initiatives": ["flood-relief-volunteers-2024"],
        "sources": [wikipedia("2024 Kazakhstan floods")],
    },
    {
        "slug": "womens-march-almaty-2020",
        "date": "2020-03-08",
        "kind": "march",
        "city": "almaty",
        # Still to be checked against sources: a draft the public does not see.
        "publication_status": "draft",
        "title": {
            "kk": "Алматыдағы 8 наурыз шеруі",
            "ru": "Марш 8 марта в Алматы",
            "en": "8 March march in Almaty",
        },
        "summary": {
            "kk": "Халықаралық әйелдер күніндегі феминистік шеру. Деректері әлі тексерілмеген.",
            "ru": "Феминистский марш в Международный женский день. Сведения ещё не проверены.",
            "en": "A feminist march on International Women's Day. Details not yet checked.",
        },
        "themes": ["gender-feminism"],
        "initiatives": ["womens-day-marches-almaty", "feminita"],
    },
]
