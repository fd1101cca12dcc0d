/**
 * Word lists the detectors reason with: offices and honorifics from many countries and
 * institutions, nationalities and places (so "Russian President" is a title and "Armenia" is not
 * a given name), organisation words, journalism roles (never officials), speech verbs and
 * non-person capitalised words (months, days). Lists, not names of people: the detectors
 * recognise people by the shape of the text around them, never by who they are.
 *
 * All entries are lowercase with soft hyphens removed; look them up with `norm()`.
 */

/** Builds a lookup set from a space-separated list (multi-word entries use `_`). */
function set(words: string): ReadonlySet<string> {
  return new Set(
    words
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/_/g, ' ')),
  );
}

/**
 * Head nouns of roles that make a named person an official in Dossier's sense: public office,
 * government, diplomacy, military, intergovernmental posts, parties, company and NGO executives,
 * think-tank fellows. Academic and expert roles are included too: the label rules treat them as
 * "extended" officials, which are never a false positive.
 */
export const OFFICIAL_ROLES = set(`
  president president-elect vice-president vicepresident premier prime_minister minister ministers
  secretary secretaries secretary-general under-secretary undersecretary ambassador ambassadors
  envoy envoys consul consul-general diplomat diplomats attache adviser advisers advisor advisors
  counsellor counselor spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen
  senator senators congressman congresswoman congressmen congresswomen representative
  representatives lawmaker lawmakers legislator legislators parliamentarian parliamentarians mp
  mps mep meps deputy deputies governor governors lieutenant-governor mayor mayors chancellor
  vice-chancellor chairman chairwoman chairperson chair co-chair chairmen leader leaders
  chief chiefs head heads director directors director-general commissioner commissioners commander
  commanders general generals admiral admirals colonel lieutenant captain marshal field_marshal
  brigadier commandant king queen prince princess monarch emir emirs sheikh sultan shah emperor
  crown_prince regent dictator strongman attorney-general attorney_general prosecutor prosecutors
  judge judges justice justices magistrate councillor councilor councilman councilwoman alderman
  official officials officer officers executive executives ceo cfo coo cto cio founder co-founder
  cofounder fellow fellows analyst analysts economist economists professor professors scholar
  scholars researcher researchers expert experts strategist president's treasurer comptroller
  auditor ombudsman inspector inspector-general superintendent sheriff commissar secretary-of-state
  speaker whip negotiator negotiators mediator emissary delegate delegates nominee candidate
  manager managing_director   chairman-elect governor-general premier-elect
  administrator registrar rapporteur coordinator coordinator-general ombudsperson provost dean
  rector chancellor-elect pope cardinal archbishop bishop rabbi imam cleric ayatollah patriarch
  priest pastor vicar board_member member members staffer staffers aide aides managing_partner senior_partner
  vice-premier vice-chairman vice-chair co-director hopeful hopefuls counsel predecessor successor
  u.s._attorney district_attorney state_attorney
  counterpart counterparts
`);

/** Roles in journalism and publishing: people holding only these are never officials. */
export const PRESS_ROLES = set(`
  editor editors correspondent correspondents reporter reporters journalist journalists columnist
  columnists photographer photographers writer writers author authors contributor contributors
  anchor anchors presenter producer producers host commentator blogger bureau_chief
  editor-in-chief cartoonist illustrator credit photo
`);

/** Honorifics that mark a person but say nothing about office. */
export const HONORIFICS = set(`
  mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. sir dame lord lady madam madame monsieur herr
  frau señor señora sr sr. hon hon. rev rev. reverend mister
`);

/**
 * Capitalised titles that stand before a name ("President Aliyev", "Sen. Warren") and mark an
 * office; "Mr"/"Dr" live in HONORIFICS. Abbreviations include their period.
 */
export const TITLE_WORDS = set(`
  president vice president-elect vice-president premier prime minister ministers secretary
  secretary-general under undersecretary assistant deputy ambassador envoy consul chancellor
  senator sen sen. congressman congresswoman representative rep rep. governor gov gov. mayor
  chairman chairwoman chair chairperson leader chief head director commissioner commander
  general gen gen. admiral adm adm. colonel col col. lieutenant lt lt. captain capt capt. major
  maj maj. sergeant sgt sgt. marshal brigadier corporal private king queen prince princess emir
  sheikh shaikh sultan shah emperor crown supreme grand attorney attorney-general prosecutor
  judge justice magistrate councillor councilor councilman councilwoman speaker whip executive
  officer ceo cfo coo cto founder co-founder fellow professor spokesman spokeswoman
  spokesperson adviser advisor counsellor counselor special senior principal acting interim
  former first second foreign defense defence interior finance trade economy energy justice
  health education environment agriculture labour labor transport home state national security
  homeland treasury commerce development affairs policy intelligence public director-general
  inspector inspector-general ombudsman secretary-of-state mp mep ayatollah pope cardinal
  archbishop bishop rabbi imam patriarch pastor father reverend rev rev. member board advisory
  managing partner analyst economist scholar researcher chairman-elect governor-general
  lieutenant-governor minister-president high commissioner undersecretary-general amb amb. pres
  pres. sec sec. hon hon. field staff press opposition majority minority shadow house senate
  party union communications operating financial technology
  information strategy strategic international global regional european eurasian asian african
  american pacific atlantic legal general's people's peoples vice-premier prime-minister sens sens.
  reps reps.
`);

/** Words that head an office in a capitalised run ("Foreign Minister", "Board Member"). */
export const TITLE_HEADS = set(`
  president president-elect vice-president premier minister secretary secretary-general
  undersecretary ambassador envoy consul chancellor senator sen sen. congressman congresswoman
  representative rep rep. governor gov gov. mayor chairman chairwoman chair chairperson leader
  chief director commissioner commander general gen gen. admiral adm adm. colonel col col.
  lieutenant lt lt. captain capt capt. major maj maj. sergeant sgt sgt. marshal brigadier king
  queen prince princess emir sheikh shaikh sultan shah emperor attorney-general prosecutor judge
  justice magistrate councillor councilor councilman councilwoman speaker whip ceo cfo coo cto
  founder co-founder fellow professor spokesman spokeswoman spokesperson adviser advisor
  counsellor counselor director-general inspector-general ombudsman mp mep ayatollah pope
  cardinal archbishop bishop rabbi imam patriarch pastor member analyst economist scholar
  researcher officer executive partner chairman-elect governor-general lieutenant-governor
  minister-president commissioner amb amb. pres pres. sec sec. vice-premier prime-minister head
  sens sens. reps reps.
`);

/** Title heads that may stand alone, capitalised, as a name ("The Secretary also said"). */
export const BARE_TITLE_HEADS = set(`
  president secretary ambassador chancellor senator governor mayor premier minister
  prime_minister chairman chairwoman general admiral king queen prince princess emir sheikh
  sultan pope speaker commissioner vice_president
`);

/** Lowercase connectors allowed inside a capitalised title ("Secretary of State for Europe"). */
export const TITLE_CONNECTORS = set('of for to on at in and the de du des la');

/** Particles allowed inside a personal name ("Ursula von der Leyen", "Osama bin Laden"). */
export const NAME_PARTICLES = set(
  'de da di do dos das du del della der den van von ter ten bin ibn al el la le st. st',
);

/** Countries and regions, lowercase (some multi-word ones joined by spaces). */
export const PLACES = set(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
  bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
  brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia
  comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea
  estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
  guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel
  italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia
  lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia
  maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro
  morocco mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger
  nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal
  qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia
  somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo
  tonga trinidad tunisia turkey türkiye turkmenistan tuvalu uganda ukraine uruguay uzbekistan
  vanuatu vatican venezuela vietnam yemen zambia zimbabwe britain england scotland wales
  europe asia africa america americas caucasus balkans arctic antarctica kashmir crimea donbas
  gaza tibet xinjiang hong kong macau karabakh nagorno-karabakh chechnya kurdistan sahel levant
  washington moscow beijing london paris berlin brussels tokyo seoul pyongyang tehran kyiv kiev
  baku yerevan tbilisi ankara cairo riyadh doha dubai delhi islamabad kabul baghdad damascus
  jerusalem harare nairobi pretoria lagos geneva vienna rome madrid warsaw budapest prague
  ottawa canberra manila hanoi bangkok jakarta taipei astana tashkent ashgabat minsk
  new_york california texas florida virginia maryland louisiana ohio michigan
  u.s. us usa u.s.a. uk u.k. eu e.u. un u.n. nato un. west east north south
`);

/** Nationality and regional adjectives ("Israeli Prime Minister", "Azerbaijani Foreign Minister"). */
export const NATIONALITIES = set(`
  afghan albanian algerian american angolan argentine argentinian armenian australian austrian
  azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british
  bulgarian burmese cambodian cameroonian canadian chilean chinese colombian congolese croatian
  cuban cypriot czech danish dutch ecuadorian egyptian emirati english eritrean estonian
  ethiopian european filipino finnish french georgian german ghanaian greek guatemalan haitian
  honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian
  jamaican japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz lao latvian lebanese
  liberian libyan lithuanian macedonian malagasy malawian malaysian malian maltese mauritanian
  mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien
  norwegian omani pakistani palestinian panamanian paraguayan peruvian polish portuguese qatari
  romanian russian rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali
  spanish sri_lankan sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian
  turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
  zimbabwean soviet western eastern northern southern arab african asian caucasian nordic
  baltic balkan gulf kurdish pashtun tamil uyghur tibetan federal provincial state national
  royal imperial
`);

/**
 * Capitalised words that start organisation names or make a capitalised run an institution
 * rather than a person ("Brookings Institution", "Council on Foreign Relations").
 */
export const ORG_WORDS = set(`
  institution institute council center centre foundation endowment association society
  committee commission university college school academy ministry department agency bureau
  office administration government parliament congress senate assembly court tribunal party
  union league federation organization organisation corporation corp corp. company co co.
  inc inc. ltd ltd. llc plc group bank fund trust authority service services forces force army
  navy military police guard command board network news times post journal press media
  television radio tv agency reuters associated house hall church mosque cathedral museum
  library hospital airport station embassy consulate mission delegation cabinet presidency
  kremlin pentagon treasury white blue palace capitol parliament's airlines motors
  technologies systems partners capital holdings industries enterprises laboratories labs
  initiative project program programme campaign movement front alliance coalition bloc
  consortium cooperative co-operative syndicate secretariat directorate inspectorate observatory
  caucus conference summit forum talks treaty accord agreement act law convention charter
  war crisis revolution republic kingdom state states nations federation emirates islands
  reserve exchange market index street avenue road square river sea ocean gulf strait bay
  mountains valley province region district county city town village airways energy oil gas
  brotherhood hezbollah hamas taliban isis daesh al-qaeda
`);

/**
 * Months and days: capitalised, yet naming no one and no body ("Roe on Monday sought to
 * “reassure” allies").
 */
export const CALENDAR_WORDS = set(`
  january february march april may june july august september october november december jan
  feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
  saturday sunday
`);

/** Capitalised words that are never part of a person's name. */
export const NOT_NAME_WORDS = set(`
  ${[...CALENDAR_WORDS].join(' ')} today tomorrow yesterday
  the a an this that these those there here it its he she they we i you his her their our my
  your him them us who what when where why how which while if but and or so yet for nor as
  at by in of on to up with from into after before since until during about against between
  through over under across also although though because however meanwhile moreover still
  then thus instead indeed already earlier later last next first new more most many some all
  any each every both either neither no not one two three four five six seven eight nine ten
  read continue click subscribe sign share advertisement related photo photos video watch
  image images getty afp reuters ap epa credit source sources editor's note analysis opinion
  comment commentary updated published posted
  god allah christmas easter ramadan eid internet web twitter facebook instagram youtube
  tiktok linkedin telegram whatsapp google microsoft apple amazon
  democrat democrats republican republicans conservative conservatives labour liberal
  liberals socialist socialists communist communists
  islamic muslim muslims christian christians jewish jews catholic catholics protestant
  covid coronavirus
`);

/** Speech and writing verbs that attribute a quotation. */
export const SPEECH_VERBS = set(`
  said says  saying told   telling added  adding noted  noting stated
   stating wrote writes writing  tweeted tweets tweeting posted  declared
   declaring announced  announcing argued  arguing asserted 
  claimed  claiming insisted  insisting warned  warning explained 
  explaining recalled recalls recalling admitted admits admitting acknowledged acknowledges
  conceded concedes stressed stresses stressing emphasized emphasizes emphasizing emphasised
  emphasises emphasising urged urges urging described describes describing characterized
  characterised replied  responded responds answered  asked asks asking
  continued  observed  remarked  commented  suggested
   predicted  promised  vowed  pledged  threatened
   complained complains lamented  concluded  agreed  confirmed
   denied  maintained  contended  countered  quipped
  joked mused testified reported  cautioned  hailed  praised 
  criticized criticised criticizes criticises called  calling labeled labelled dubbed
  termed branded described declared proclaimed announced reiterated reiterates repeated
  underscored underlined highlighted  expressed expressing voiced welcomed
   condemned  accused  blasted slammed decried  told
  acknowledging adding insisted wrote added wondered wonders thundered exclaimed shouted
  pointed whispered boasted bragged tweeted posted messaged texted emailed
  echoed echoes reads claims
  alleges allege alleging notes revealed reveals retorted recounted recounts assured assures
  affirmed reaffirmed demanded demands disclosed objected
  tells tell say write threatens promises replies counters laments hails praises welcomes decries condemns accuses maintains observes agrees confirms denies concludes contends suggests predicts pledges vows cautions continues explains insists warns argues asserts declares announces adds
  scoffed scoffs muttered mutters murmured interjected reasoned reminded
  grumbled groused griped chided scolded sneered rejoined confided confessed clarified
  elaborated opined posited surmised speculated hinted averred crowed gushed enthused
`);

/**
 * Verbs that report words only with "back" after them ("“No,” Roe shot back", "fired back",
 * "hit back"): alone they are about guns and blows.
 */
export const BACK_VERBS = set('shot shoots fired fires hit hits');

/**
 * Past tenses not in -ed that tag a quotation only in a speech tag's shape ("“Friends,” Roe
 * began, “…”", "“No,” Roe broke in."): elsewhere they say nothing of speech ("talks began").
 */
export const TAG_VERBS = set('began went broke cut swore');

/** Particles closing a speech tag's verb ("shot back", "went on", "broke in", "cut in"). */
export const TAG_PARTICLES = set('back on in');

/**
 * Verbs of taking a stand on something: the evaluative word quoted before their object is the
 * subject's own ("Kessel hailed the “historic” deal", "Brill rejected the “baseless” claims"),
 * while the same word after a plain verb is a scare quote ("she runs a “fact-checking” site").
 * Verbs of affirming and stressing too ("reaffirmed the “unshakable” nature of the alliance",
 * "insisted on the “urgent” need"), in each tense; not the bare forms that are also nouns
 * ("stress", "underline", "highlight", "praise", "hail").
 */
export const STANCE_VERBS = set(`
  hailed hails cheered cheers lauded lauds applauded applauds celebrated celebrates welcomed
  welcomes praised praises touted touts championed champions endorsed endorses condemned
  condemns denounced denounces decried decries deplored deplores criticized criticised
  criticizes criticises slammed slams blasted blasts lambasted lambasts derided derides
  ridiculed ridicules mocked mocks castigated rebuked rejected rejects dismissed dismisses
  defended defends promised promises pledged pledges vowed vows opposed opposes protested
  protests called calls described describes
  reaffirm reaffirms reaffirmed reaffirming affirm affirms affirmed affirming reiterate
  reiterates reiterated reiterating stresses stressed stressing emphasise emphasises emphasised
  emphasising emphasize emphasizes emphasized emphasizing underscore underscores underscored
  underscoring underlines underlined underlining highlighted highlighting tout touting
  praising hailing insist insists insisted insisting
`);

/** Conjunctions that join a second verb to a sentence ("… and insisting on …"). */
export const COORDINATORS = set('and or but nor');

/**
 * Naming verbs that report someone's own words when a person is their subject ("what she
 * called “reckless” spending", "which Calder termed “a farce”"), but name a thing after a noun
 * ("a program called “clean streets”").
 */
export const SAYING_NAMERS = set('called termed labelled labeled branded dubbed');

/**
 * Subjects before a naming verb that make it a speaker's words ("what she called", "what it
 * termed": a body's).
 */
export const SAYING_SUBJECTS = set('he she it they i we you');

/** Auxiliaries and adverbs between such a subject and its verb ("what he has called"). */
export const VERB_FILLERS = set('has had have once also repeatedly previously often');

/**
 * Particles between a stance verb and its object ("cheered on the “historic” move", "called
 * for a “full and transparent” inquiry").
 */
export const VERB_PARTICLES = set('on up out off back for');

/**
 * Adverbs that intensify an evaluation ("a “very productive” meeting"): how a speaker grades
 * a thing; names of policies are not built that way.
 */
export const INTENSIFIERS = set(`
  very so too extremely really quite highly deeply most incredibly utterly totally completely
  absolutely particularly especially
`);

/** Nouns that name a piece of speech or writing ("Blinken's comments: “…”"). */
export const UTTERANCE_NOUNS = set(`
  comments comment remarks remark words statement statements message speech address tweet
  tweets post letter memo note interview testimony op-ed essay article book report column
  announcement declaration warning words, response reply answer assessment view views
  position argument
  claim insistence assurance assurances accusation accusations allegation allegations plea
  pleas pledge vow admission complaint complaints criticism boast quip retort rebuke denial
  denials description characterization characterisation prediction explanation promise
`);

/** Phrases before a short quoted term that mark it as a name or term, not speech. */
export const TERM_MARKERS = set(`
  so-called dubbed nicknamed called named known termed titled entitled labelled labeled
  branded word words term terms phrase phrases slogan motto tagline hashtag policy doctrine
  strategy concept notion principle label definition
`);

/** Lowercase nouns for unnamed speakers ("a spokesman said", "officials said"). */
export const UNNAMED_SPEAKERS = set(`
  source sources official officials spokesman spokeswoman spokesperson aide aides diplomat
  diplomats analyst analysts expert experts observer observers critic critics supporter
  supporters resident residents witness witnesses insider insiders person people someone
  statement report spokesmen officer officers lawmaker lawmakers members member staff
  government ministry administration police military army
  prosecutors prosecutor investigators investigator authorities protesters activists lawyers
  attorneys
`);

/**
 * Platforms and companies that speak as organisations ("Twitter pledged …") although their
 * names, being never part of a person's name, are in NOT_NAME_WORDS.
 */
export const SPEAKING_NAMES = set(`
  twitter facebook instagram youtube tiktok linkedin telegram whatsapp google microsoft apple
  amazon
`);

/** Forms of "be" and "become" that link a subject to what it is ("Roe is a mother of two"). */
export const COPULAS = set('is was are were became becomes remains remained');

/**
 * Words pointing back at a quotation just given ("Those were the words of Roe", "That was
 * Roe's message").
 */
export const POINTING_BACK = set('this that these those such');

/** Nouns that give a person's gender when they describe them: +1 masculine, -1 feminine. */
export const GENDERED_NOUNS: ReadonlyMap<string, number> = new Map([
  ...'woman women girl mother wife daughter sister widow grandmother congresswoman'
    .split(' ')
    .map((w) => [w, -1] as const),
  ...'man men boy father husband son brother widower grandfather congressman'
    .split(' ')
    .map((w) => [w, 1] as const),
]);

/** Pronouns that may stand for a speaker. */
export const PERSON_PRONOUNS = set('he she');

/** Words after a hyphen-joined prefix that still name a person ("post-Mugabe", "anti-Trump"). */
export const NAME_PREFIXES = set('post pre anti pro ex non neo');

/**
 * Given names common in English-language news across many cultures, used only to split a
 * capitalised run into "title/place words" and "name" and to accept a two-word name with no
 * other evidence as a person (not as an official).
 */
export const GIVEN_NAMES = set(`
  john james robert michael william david richard joseph thomas charles christopher daniel
  matthew anthony antony mark donald steven stephen paul andrew joshua kenneth kevin brian
  george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan larry justin
  scott brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry
  tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold
  keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
  joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
  vincent russell elijah louis bobby philip johnny mary patricia jennifer linda elizabeth
  barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily
  donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
  kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
  christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
  victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
  jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail
  julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany
  natalie isabella charlotte rose alexis kayla hillary condoleezza madeleine nikki kamala
  barack joe bill jim tom tim ted mike mitch nancy chuck rand marco ben boris theresa tony
  gordon keir rishi liz emmanuel angela olaf gerhard helmut jacques nicolas francois françois
  vladimir dmitry dmitri sergei sergey alexei alexey mikhail boris yuri viktor igor nikolai
  ivan oleg andrei andriy volodymyr petro leonid yulia olena ilham heydar   
     robert  zurab mikheil salome irakli kassym-jomart nursultan shavkat
  islam emomali recep ahmet mevlut hakan kemal mustafa mohammed muhammad mohammad mahmoud
  ahmed ahmad ali hassan hussein hosni abdel abdul abdullah abdulaziz salman faisal khalid
  omar osama ayman yasser bashar hafez ismail ibrahim yusuf youssef hamid hamad tamim
  benjamin yitzhak ariel ehud shimon naftali yair benny isaac golda menachem moshe avigdor
  xi hu jiang wen li wang zhang liu chen yang zhao huang zhou wu kim park lee choi jung moon yoon
  kang cho shinzo fumio yoshihide junichiro taro narendra manmohan rahul sonia imran nawaz
  shehbaz benazir asif ashraf hamid ashraf jacinda scott malcolm kevin julia anthony justin
  stephen jean-claude ursula donald charles josep javier jens emmanuel angela mario matteo
  giorgia silvio pedro mariano jose luis antonio luiz jair dilma andres manuel nicolas hugo
  evo cristina mauricio javier gustavo alvaro cyril jacob thabo nelson robert  morgan
  nelson uhuru william raila paul yoweri abiy muhammadu goodluck olusegun ellen kofi
  ban antonio boutros dag  jonathan   colin jake martin josh 
    jon steven harry david rex mike condoleezza madeleine warren hillary elizabeth
`);

/**
 * Common Chinese, Korean and Vietnamese surnames, which come first in the name: a lone
 * "Xi" or "Yoon" is the surname of "Xi Jinping" or "Yoon Suk Yeol".
 */
export const EAST_ASIAN_SURNAMES = set(`
  wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song
  zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia
  ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao
  kong bai cui kang mao qiu qin gu hou shao meng long wan duan lei qian yin yi chang qiao lai gong
  wen xi kim lee park choi jung kang cho yoon jang lim oh seo shin kwon hwang ahn jeon hong moon
  ko nam ryu yoo baek pak ri nguyen tran le pham hoang phan vu vo dang bui do ngo duong ly
`);

/** Lowercase words allowed before a role noun in a title ("former senior press secretary"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(
  `former senior deputy assistant acting interim chief executive vice press foreign cabinet
  opposition security national party campaign communications policy junior top then longtime elect

  veteran prime state defense defence finance economic trade military intelligence general
  managing associate principal special first second lead founding co-founding non-resident
  nonresident resident visiting distinguished outgoing incoming newly elected appointed
  presidential ministerial parliamentary congressional federal regional provincial district
  local city county civil naval army air force police justice interior home health education
  energy environment agriculture labour labor transport treasury commerce staff board advisory
  executive-director research program programme communications public affairs international
  political legal media digital news government party's country's nation's`
    .split(/\s+/)
    .filter(Boolean),
);

/** Party names that may open a title ("Labour leader", "Republican Senator"). */
export const PARTY_WORDS: ReadonlySet<string> = new Set(
  'democrat democratic republican conservative labour labor liberal socialist communist green'.split(
    ' ',
  ),
);

/** Words after a name that mean the name belongs to a bylined journalist. */
export const PRESS_VERBS: ReadonlySet<string> = new Set([
  'covers',
  'reports',
  'reported',
  'contributed',
  'writes',
]);

/** Lowercase words that may follow a surname in "X administration". */
export const COMPOUND_OFFICE: ReadonlySet<string> = new Set(['administration', 'presidency']);

/** Lowercase words before a name that make it a (private) person: "skipper Jo Bright". */
export const OCCUPATIONS: ReadonlySet<string> = new Set(
  `resident residents farmer fisherman fishermen skipper student worker owner shopkeeper driver
  teacher nurse doctor lawyer voter protester retiree mother father wife husband son daughter
  brother sister neighbour neighbor customer shopper survivor victim witness pilot engineer
  scientist physician attorney chef trader merchant vendor artist singer actor actress player
  coach musician designer entrepreneur investor consultant developer programmer`
    .split(/\s+/)
    .filter(Boolean),
);

/** What only an office holder has: "Jane Roe’s office", "… government", "… spokesman". */
export const OFFICE_NOUNS: ReadonlySet<string> = new Set(
  'office government administration cabinet ministry spokesman spokeswoman spokesperson presidency premiership campaign aides chief-of-staff'.split(
    ' ',
  ),
);

/** Pronouns and determiners that start an appositive ("X, a senior fellow"). */
export const APPOSITIVE_STARTERS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'his',
  'her',
  'its',
  'their',
  'former',
]);

/** Determiners before a lone capitalised word that make it a thing ("the Bill"). */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'this',
  'these',
  'those',
  'every',
  'each',
]);

/** Nouns that make "the X …" a compound about person X ("the Obama administration"). */
export const COMPOUND_NOUNS: ReadonlySet<string> = new Set(
  'administration government presidency cabinet campaign era years regime team camp doctrine government’s administration’s'.split(
    ' ',
  ),
);

/**
 * Titles that only ever mark press people (authors, credits, journalists): left out of an
 * official's titles wherever titles are shown.
 */
export const PRESS_LABELS = set('author credit photo_credit journalist');

/** Abbreviations that take a period which does not end the sentence ("Sen.", "Sens."). */
export const ABBREVIATIONS = set(`
  mr mrs ms dr prof gen sen rep gov col lt capt maj sgt adm st jr sr rev hon amb pres sec inc corp co ltd vs cmdr supt messrs sens reps govs
`);

/** Verbs of a "who" clause that say the person holds a role ("X, who advises the minister"). */
export const ROLE_VERBS: ReadonlyMap<string, string> = new Map(
  `advises:adviser advised:adviser leads:leader led:leader heads:head headed:head chairs:chair
  chaired:chair represents:representative represented:representative directs:director
  directed:director governs:governor governed:governor commands:commander commanded:commander`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(':') as [string, string]),
);

/** Prepositions that give the source of words: "the message from Jane Roe", "words of X". */
export const SOURCE_PREPOSITIONS = set('from of by');

/**
 * Participles whose agent ("by …") is the one who spoke or wrote: "it was said by the
 * governor", "a statement issued by the ministry", "remarks delivered by Jane Roe". "quoted by"
 * and "cited by" are missing on purpose: the agent there relays someone else's words.
 */
export const PASSIVE_SPEECH = set(`
  said told written posted issued released made delivered given tweeted stated expressed voiced
  echoed signed sent published uttered spoken shared penned authored announced declared
`);

/** Words that may sit between a subject and its speech verb ("X also said", "X has said"). */
export const SKIPPABLE: ReadonlySet<string> = new Set(
  `also later then further again has had have was is would will could had once repeatedly
  previously recently earlier subsequently strongly sharply publicly privately quickly simply
  flatly bluntly angrily has since just already often still not never even only reportedly
  allegedly separately likewise similarly additionally told`
    .split(/\s+/)
    .filter(Boolean),
);

/** Works whose titles are quoted ("his memoir “The Long Road”"): titles, not speech. */
export const WORK_NOUNS: ReadonlySet<string> = new Set(
  'book books film films movie novel memoir essay song album documentary series show play poem headline titled entitled called named'.split(
    ' ',
  ),
);

/** Lowercase words inside an organisation's name ("Council on Foreign Relations"). */
export const ORG_CONNECTORS: ReadonlySet<string> = new Set(['of', 'on', 'for', 'and', 'the', 'de']);

/** Words after which a short quoted term is used as a modifier, not speech ("the “x” society"). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `of in on to and or but that which who for from with as at by is was were are be been being
  has have had will would could should may might must can meant means than then when while
  because if so since after before into onto over under about against between through during
  without within among per via he she it they we i you his her its their this these those the
  a an not no nor yet also instead rather`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words before a name that make it an object, not the sentence's subject. */
export const OBJECT_MARKERS: ReadonlySet<string> = new Set(
  `with to by from for of about at on against toward towards than like between among under
  told interviewed asked met thanked`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words before a quoted phrase that make it a modifier of the noun after it ("the “x” plan"). */
export const MODIFIER_DETERMINERS = set('the a an this that its their his her our your');

/** Conjunctions that open a clause after a quotation ("… ” as prices fell, X reported"). */
export const SUBORDINATORS = set(`
  as because while whereas although though since after before when until unless if
`);

/** Lowercase nouns of bodies that speak as one ("the French foreign ministry said"). */
export const SPEAKING_BODIES = set(`
  ministry ministries department government embassy consulate office agency commission committee
  council court military army navy police company firm party campaign secretariat cabinet
  parliament regime magazine newspaper
`);

/** Lowercase nouns of documents that say things ("the IAEA report said"). */
export const DOCUMENT_NOUNS = set(`
  report statement letter memo communique communiqué resolution study document filing indictment
  complaint ruling assessment review
`);

/**
 * Participles after "be" that say the subject's own mind, not something done to them ("Roe is
 * convinced the plan is “dead”"): the quote is the subject's words.
 */
export const STATES_OF_MIND = set(`
  convinced concerned worried pleased disappointed satisfied determined alarmed shocked
  surprised frustrated encouraged delighted troubled dismayed outraged appalled relieved
  puzzled baffled amazed astonished angered saddened heartened
`);

/**
 * Forms of "be" and "get" that make the participle after them passive ("was accused of “…”",
 * "got labelled “…”"): the sentence's subject is then the one talked about, not the speaker.
 */
export const PASSIVE_AUXILIARIES = set('was were been being is are be get gets got');

/** Prepositions: after a name, they open a phrase about it, not a clause it is the subject of. */
export const PREPOSITIONS = set('on about at in for of with from to by against over than like as');

/** Prepositions between a speech or stance verb and its topic ("warned of “x” risks"). */
export const STANCE_PREPOSITIONS = set('of against about');

/** Modals (and "to") before a quoted phrase: what follows is a verb phrase, not a modifier. */
export const MODALS = set('would will could should can may might must shall to');

/** Titles and honorifics that say a person is a man ("Mr", "King", "spokesman"). */
export const MASCULINE_TITLE =
  /\b(?:mr|mister|sir|lord|king|prince|emir|sultan|sheikh|monsieur|herr|señor|\w+man|\w+men)\b\.?/i;

/** Titles and honorifics that say a person is a woman ("Mrs", "Queen", "spokeswoman"). */
export const FEMININE_TITLE =
  /\b(?:mrs|ms|miss|madam|madame|dame|lady|queen|princess|empress|frau|señora|\w*woman|\w*women)\b\.?/i;

/**
 * Who speaks in a quotation's own words: the quoted speaker themself ("“… I said, ‘…’”"), so a
 * quotation they retell inside theirs is their words again.
 */
export const FIRST_PERSON_SUBJECTS = set('i we');

/**
 * Objects between a speech verb and the quotation it introduces ("they told me, ‘…’", "I said
 * to him, ‘…’").
 */
export const SPEECH_OBJECTS = set('me us him her them you');

/**
 * Verbs that report words only when a clause follows them ("prosecutors alleged that …"):
 * elsewhere they are adjectives ("the alleged plot"). Not "charged": "charged the “ringleader”
 * with theft" reports no words.
 */
export const CLAUSE_SPEECH_VERBS = set('alleged');

/** Words that open the clause such a verb reports. */
export const CLAUSE_OPENERS = set('that the a an his her their its he she they it two three');
