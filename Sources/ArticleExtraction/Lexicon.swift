/// A set of words compared by ``WordKey``, built once from a list of words.
struct WordSet: Sendable {
    private var keys = KeySet()

    init(_ words: String) {
        for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            keys.insert(WordKeys.key(String(word)))
        }
    }

    @inline(__always) func contains(_ key: WordKey) -> Bool { keys.contains(key) }
}

/// The project's own word lists: function words, titles, organisation head
/// words, calendar words, number words, speech verbs. Written for Gleaner.
enum Lexicon {
    /// Function words and other words that are never names on their own.
    static let stopWords = WordSet(
        """
        a about above across after afterwards again against all almost alone along already also although always am among
        an and another any anybody anyone anything anyway anywhere are around as at back be became because become
        becomes been before beforehand behind being below beside besides between beyond both but by can cannot could
        did do does doing done down due during each either else elsewhere enough even ever every everyone everything
        everywhere except few for former formerly from further had has have having he hence her here hers herself him
        himself his how however i if in indeed into is it its itself just last latter least less made make many may
        me meanwhile might mine more moreover most mostly much must my myself neither never nevertheless next no nobody
        none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
        ourselves out over own per perhaps please put rather re same see seem seemed seeming seems several she should
        since so some somehow someone something sometime sometimes somewhere still such than that the their theirs them
        themselves then thence there thereafter thereby therefore therein these they this those though through
        throughout thru thus to together too toward towards under until up upon us very via was we well were what
        whatever when whence whenever where whereas whereby wherein whether which while whither who whoever whole whom
        whose why will with within without would yet you your yours yourself yourselves according says said told
        would'nt can't won't don't didn't doesn't isn't aren't wasn't weren't it's he's she's they're we're
        later earlier today yesterday tomorrow tonight overnight separately recently currently initially finally
        eventually instead
        """)

    /// Words that stand before a person's name and are not part of it.
    static let personTitles = WordSet(
        """
        mr mrs ms miss mister dr doctor prof professor sir dame lord lady president vice prime minister premier
        chancellor king queen prince princess pope emperor sultan emir sheikh ayatollah imam rabbi cardinal archbishop
        bishop reverend rev father pastor senator sen rep representative congressman congresswoman governor gov mayor
        general gen lieutenant lt colonel col major maj captain capt sergeant sgt admiral adm commander cmdr corporal
        private marshal brigadier commissioner inspector detective det constable superintendent chief justice judge
        magistrate attorney ambassador envoy secretary treasurer spokesman spokeswoman spokesperson chairman chairwoman
        chair director executive deputy coach officer agent leader speaker saint st foreign defence defense interior
        finance health education trade opposition acting former then crown counsellor councillor chief-executive
        sergeant-major president-elect mp mps mla mep pm prosecutor defender striker midfielder goalkeeper skipper
        batsman bowler manager lawyer barrister solicitor economist analyst scientist researcher priest boss ceo
        trainer jockey correspondent journalist reporter editor historian negotiator adviser advisor aide rt hon dj
        administrator ombudsman auditor
        """)

    /// Titles that are offices held by one person, after which a name follows
    /// ("Welfare Minister Alwi Shihab", "Attorney General Eliot Spitzer").
    static let personRoles = WordSet(
        """
        president minister premier chancellor secretary governor mayor senator general ambassador envoy spokesman
        spokeswoman spokesperson chairman chairwoman director executive commissioner prosecutor chief leader
        manager coach captain boss pm dj administrator ombudsman auditor
        """)

    /// Words that end an organisation's name ("... Party", "... Ministry").
    static let organizationHeads = WordSet(
        companyHeadWords + " "
            + """
        party council ministry department agency authority bank corporation corp company co inc ltd plc llc gmbh ag
        group university college school academy institute institution foundation trust fund association federation
        union league alliance coalition front movement organisation organization commission committee court tribunal
        parliament congress senate assembly government administration office bureau service services force forces army
        navy police guard legion brigade battalion regiment militia division command corps network times post news
        herald journal tribune telegraph gazette guardian press radio television tv broadcasting airlines airways
        railways church mosque club team fc united hospital centre center board exchange industries holdings partners
        society chamber cabinet directorate secretariat bloc brotherhood taliban reuters nations channel choir
        orchestra survey watch consortium observatory limited incorporated associates industry weekly chronicle
        """)

    /// Head words that name a company's line of business ("Factory Records",
    /// "Crystal Cruises", "Evolution Securities"); also in ``organizationHeads``.
    /// Unlike a body's head word ("Commission", "Union"), one of them can end
    /// the first half of an organisation's name with "and" in it
    /// ("Securities and Exchange Commission").
    static let companyHeads = WordSet(companyHeadWords)
    private static let companyHeadWords = """
        records films pictures studios productions entertainment laboratories laboratory labs cruises securities
        motors pharmaceuticals technologies telecom communications electronics airline publishers publishing
        breweries brewery petroleum mining insurance investments energy media research systems software computer
        computers networks semiconductor semiconductors chemicals oil foods brands stores logistics aerospace automotive
        electric petrochemicals
        """

    /// Plural nouns whose possessive goes on into a name ("People's Alliance",
    /// "Women's Tennis Association", "Association of Children's Hospices").
    static let possessiveNameNouns = WordSet("people children women men workers")

    /// Words that make an adjective of the name they are hyphened to ("Bush-era",
    /// "Kremlin-backed"): no syllable of a given name.
    static let hyphenSuffixWords = WordSet(
        """
        era style based led run born owned made like free wide type bound held hit torn ruled rich
        poor sized size themed class linked backed friendly proof fuelled funded speaking aligned leaning
        bashing inspired esque ish only wise area zone side day week year month time last
        """)

    /// Labels of a picture's caption or credit, before a colon ("Image: Nick Moreau", "Photo: AP").
    static let captionLabels = WordSet("image images photo photos picture pictures photograph credit")

    /// Words for a person that an age can follow between commas ("the driver, 32,").
    static let personNouns = WordSet(
        """
        man woman boy girl teenager youth mother father son daughter wife husband brother sister driver victim
        passenger pilot suspect officer soldier student pensioner resident owner worker farmer
        """)

    /// Function words that never end a name: a capitalised one at a name's end
    /// starts the next sentence where the text lost its full stop
    /// ("the European Union In his speech").
    static let neverLastWords = WordSet(
        """
        in on at by for with from to into but and or nor yet so he she it they we i you his her its their our my
        the a an as if when while after before because although though this that these those there
        """)

    /// Bodies whose name goes on with "into" and what they look into ("Royal Commission into HIH").
    static let inquiryHeads = WordSet("commission inquiry inquest review")

    /// Title words of newspapers that a weekday can start ("Sunday Times", "Sunday Telegraph").
    static let newspaperTitleWords = WordSet(
        """
        times telegraph mirror express herald post people mail observer independent tribune star sport business
        sun globe journal chronicle gazette courier examiner guardian inquirer
        """)

    /// Capitalised words that a number can follow inside a name ("Radio 4", "Channel 4", "BBC News 24").
    static let numberedNameWords = WordSet("radio channel news formula division fm")

    /// Words that end an organisation's full name without naming it: its short
    /// form is the name without them ("Labour" of "Labour Party").
    static let genericOrganizationWords = WordSet("party corporation corp company co inc ltd plc llc gmbh ag group holdings fc afc club limited")

    /// Title words that, after a qualifier, name a body rather than a role:
    /// "Federal Opposition", "State Opposition" ("Opposition Leader" is a role).
    static let qualifiedBodyWords = WordSet("opposition")

    /// Well-known organisations written as acronyms.
    static let organizationAcronyms = WordSet(
        """
        un nato eu fbi cia nsa bbc cnn abc nbc cbs afp ap upi imf who wto opec asean oecd unesco unicef unhcr icc icj
        nasa pla idf kgb fsb mi5 mi6 ira plo anc sec fda epa osce interpol fifa ioc gop uefa ofsted ofcom ofgem ofwat
        """)

    /// Words that end the name of an event, a law or a work: typed `other`.
    static let eventHeads = WordSet(
        """
        war wars cup games olympics championship championships summit conference festival award awards prize act
        treaty accord accords agreement convention revolution crisis day week games protocol doctrine plan
        show slam trophy open marathon derby bill test tournament contest prix
        """)

    /// Plural nouns for the members of an organisation ("Tamil Tiger rebels").
    static let organizationMembers = WordSet(
        """
        rebels militants guerrillas fighters separatists insurgents militia militiamen loyalists members
        spokesman spokeswoman officials leaders leader
        """)

    private static let timeZoneWords = "gmt bst utc aedt aest acdt acst awst awdt nzdt nzst edt est pst pdt cst cdt mst mdt cet cest"
    /// Time zones written after a time of day: "1300 GMT", "10am AEDT".
    static let timeZones = WordSet(timeZoneWords)

    /// Abbreviations of everyday English that name no organisation: time
    /// zones, diseases, devices and media, units, honours, common business
    /// terms. An unknown all-capitals word is otherwise taken for an
    /// organisation's initials.
    static let everydayAbbreviations = WordSet(
        timeZoneWords + " "
            + """
        aids hiv bse sars cjd mrsa dna rna ivf adhd ocd gp icu ae
        pr id pc tv dvd cd cgi gsm sms mms mp3 pda lcd hd hdtv vcr gps dsl adsl isp url www pin atm it ai vr
        awol ceo cfo coo cto md vip obe mbe cbe qc kc phd mba
        gdp gnp cpi vat rpi ipo m&a r&d hr faq ok
        km kg mm cm mph kph mw kw gb mb kb tb ghz mhz
        am pm bc ad ufo rpg fps
        """)

    /// Kinds of work a title names, in lower case next to it ("the film
    /// Hellboy", "the Mary Poppins musical"): a feature for `other`.
    static let workNouns = WordSet(
        """
        film films movie movies album albums single song songs show shows series programme program sitcom soap drama
        documentary game games book books novel novels play musical opera comedy thriller sequel remake hit track
        """)

    /// Work nouns that are never verbs: right before a name ("the drama Maria Full of Grace", "the
    /// musical Billy Elliot") they say the name is a work's title, whoever it also names.
    static let titleNouns = WordSet(
        """
        film films movie movies album albums sitcom drama documentary novel novels musical opera thriller sequel
        remake programme series
        """)

    /// What an organisation is called in lower case just before its name ("the
    /// band Scissor Sisters", "US bank Merrill Lynch", "the firm Calyon").
    static let organizationNouns = WordSet(
        """
        band group firm company companies club side team party label broadcaster network channel retailer bank
        airline carrier insurer carmaker supermarket chain operator manufacturer maker giant charity agency
        newspaper paper magazine station studio publisher developer brokerage broker lender conglomerate
        """)

    /// Words that follow a place's name and make it one ("the Donetsk region").
    static let locationHeads = WordSet(
        """
        region province city town village district county state island islands peninsula river valley mountains
        mountain desert sea ocean lake bay gulf strait border coast capital oblast prefecture territory area
        road street avenue highway freeway motorway bridge tunnel square airport harbour harbor reserve basin
        marsh swamp gorge creek canal plaza stadium tops range peak heights park beach hills reef glacier hotel place
        theatre theater tower museum gallery galleries planetarium zoo cathedral
        """)

    /// Head words of a building or a site that are also organisations' head
    /// words ("Woomera Detention Centre", "Kennedy Space Center", "Shandao
    /// Station"): at the end of a name they make it a place, as the guidelines
    /// type buildings; inside one ("Centre for Policy Studies") the
    /// organisation's head word still splits and types as before.
    static let buildingHeads = WordSet("centre center station")

    /// Feasts and holidays that start a name ("Christmas Eve", "Easter Monday").
    static let feastWords = WordSet("christmas easter ramadan eid diwali hanukkah thanksgiving hogmanay passover")

    /// Places' head words that are common surnames too ("Ellen Park", "Ricki Lake").
    static let surnameLocationHeads = WordSet("park lake hills beach tower place marsh")

    /// First words of places' names ("Port Augusta", "Mt Gambier", "Lake Bonney").
    static let locationPrefixes = WordSet("port mount mt lake cape fort")

    /// Plural nouns that do not end in "s": a number before them is a count, not a year.
    static let irregularPlurals = WordSet("people men women children police staff cattle personnel feet teeth mice geese sheep fish troops")

    /// Compass words that can start a place's name.
    static let directions = WordSet("eastern western northern southern central north south east west upper lower")

    /// Prepositions after which a capitalised unknown word is most likely a place.
    static let locationPrepositions = WordSet("in near around outside across into at towards toward from via")

    /// Letters written after a person's name: "Frank Field MP".
    static let postNominals = WordSet("mp mep msp mla qc kc obe mbe cbe")

    /// Words that, capitalised and alone, name a party ("Labour", "the
    /// Tories", "the Democrats"): an organisation, though they are also in
    /// ``groupWords`` so that a name made of them is not taken apart.
    static let partyWords = WordSet(
        "labor labour tory tories conservative conservatives liberal liberals democrat democrats republican republicans")

    /// Peoples, religions and political groups that are not demonyms of a country.
    static let groupWords = WordSet(
        """
        kurd kurds kurdish tamil tamils pashtun pashtuns uighur uighurs uyghur uyghurs berber berbers bedouin druze
        maori aboriginal aborigines basque basques catalan catalans arab arabs arabic palestinian palestinians
        muslim muslims islamic islamist islamists christian christians christianity catholic catholics protestant
        protestants jew jews jewish hindu hindus buddhist buddhists sikh sikhs sunni sunnis shia shiite shiites
        alawite alawites orthodox evangelical western westerners european europeans african africans asian asians
        latino latinos hispanic hispanics communist communists socialist socialists democrat democrats republican
        republicans conservative conservatives liberal liberals labor labour tory tories zionist zionists
        jihadist jihadists slav slavs anglican anglicans baptist baptists methodist methodists presbyterian
        presbyterians lutheran lutherans mormon mormons pentecostal uniting quaker quakers coptic copts
        swede swedes dane danes briton britons brit brits finn finns pole poles scot scots spaniard spaniards
        turk turks kiwi kiwis filipino filipinos frenchman frenchmen englishman englishmen irishman irishmen
        welshman welshmen scotsman scotsmen dutchman dutchmen argentine argentines argentinian argentinians croat croats
        serb serbs bosniak bosniaks slovak slovaks czech czechs kosovar kosovars
        """)

    /// What a surname may start with before a second capital ("McCartney", "DiCaprio").
    static let surnamePrefixes = WordSet("mc mac di de da du la le van von fitz")
    /// Connectors allowed inside a name between capitalised words.
    static let nameConnectors = WordSet("of for de da di del della der den van von la le du bin ibn al el y")
    /// Connectors that may start a name when a hyphen follows ("al-Qaida").
    static let hyphenPrefixes = WordSet("al el ad as ash at az")

    static let pronounsPerson = WordSet("he she him her i")
    static let pronounsPlural = WordSet("they we")

    /// Verbs that attribute speech or writing.
    static let speechVerbs = WordSet(
        """
        said says say told tells added adds stated states announced announces declared declares wrote writes insisted
        insists explained explains asked asks warned warns claimed claims admitted admits noted notes replied replies
        argued argues urged urges described describes recalled recalls quoted reported reports confirmed confirms
        denied denies acknowledged acknowledges suggested suggests continued continues stressed stresses maintained
        maintains remarked conceded concedes complained complains predicted predicts promised promises vowed vows
        testified testifies tweeted commented comments responded responds shouted cried whispered believes
        claim tell add state announce declare write insist explain warn admit note reply argue urge describe confirm
        deny acknowledge suggest stress maintain concede complain predict promise vow respond
        """)

    /// Words that introduce the name a person goes by ("whose nom de guerre is Miami", "under the
    /// pseudonym Nadia", "alias Carlos"); the name after them is that person's, whatever place it also names.
    static let pseudonymWords = WordSet("pseudonym guerre alias")

    /// Words before "as" that make the name after it a person's stand-in: "identified only as Tony",
    /// "gave her name as Maria".
    static let nameGivenAs = WordSet("only name")

    /// Words right before a place's name that make it a team in a sports story: "against Wales",
    /// "beat Porto", "face England".
    static let teamCuesBefore = WordSet("against versus vs v beat beating face faces facing host hosts hosting")

    /// A result or a match two words before a team, joined to it by one of ``teamResultLinks``: "win over
    /// Scotland", "defeat to Wales", "draw with Ireland", "beaten by France".
    static let teamResultNouns = WordSet("""
        win wins victory victories triumph defeat defeats loss losses lost draw drew drawn clash match game tie
        beaten
        """)
    /// The words that join a result or a match to the team after it (see ``teamResultNouns``).
    static let teamResultLinks = WordSet("over to with by")

    /// Words right after a place's name that make it a team in a sports story: its people ("England
    /// captain", "Wales coach"), its kit, or a plural verb that only a team takes ("Wales are hopeful").
    static let teamCuesAfter = WordSet("""
        are were have coach coaches captain skipper manager boss squad side team players fans supporters
        striker midfielder defender goalkeeper winger forward forwards prop props lock locks flanker fly-half
        scrum-half hooker full-back centre wing selectors selector debut cap caps kit kits shirt shirts jersey
        beat won lost drew thrashed trailed led
        """)

    /// Words after a team's possessive: "France's squad", "Bulgaria's game", "Wales' win".
    static let teamPossessions = WordSet("""
        squad side team game games match win victory defeat loss draw coach captain manager players attack
        defence pack campaign chances hopes opener fans supporters
        """)

    /// Words before a quoted term that make it a name, not speech.
    static let namingCues = WordSet("called named dubbed known titled entitled termed so-called nicknamed labelled labeled")

    static let monthNames: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let monthKeys: KeyMap<Int> = {
        var table = KeyMap<Int>()
        for (name, number) in monthNames { table[WordKeys.key(name)] = number }
        return table
    }()

    static func monthNumber(ofName name: String) -> Int? { monthNames[name.lowercased()] }

    static let weekdayKeys: KeyMap<Int> = {
        var table = KeyMap<Int>()
        let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for (k, day) in days.enumerated() { table[WordKeys.key(day)] = k + 1 }
        return table
    }()

    /// Abbreviations after which a period does not end a sentence.
    static let abbreviations = WordSet(
        """
        mr mrs ms dr prof st gen sen rep gov lt col sgt capt maj adm cmdr brig jr sr inc corp ltd co vs no nos
        jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon pres supt det const insp fig approx est dept
        univ assn bros messrs mme mlle
        """)

    /// Words that begin a sentence after an abbreviation such as "U.S.".
    static let sentenceStarters = WordSet(
        """
        the a an he she it they we i but and in on at this that these those there his her their its our my yet so
        however meanwhile after before when while if as for some many most one two
        """)

    /// What a sentence is about, told by its ordinary words: sport, business,
    /// politics, the media or the arts. Around a name they tell a team from its
    /// city, a company from a person, a party from a people, a newspaper from a
    /// place, a film or a book from a person.
    enum Topic: UInt8, CaseIterable {
        case sport = 0, business, politics, media, arts
    }

    /// Common news words that signal a ``Topic``, each with its topic.
    static let topicCues: KeyMap<Topic> = {
        let lists: [(Topic, String)] = [
            (.sport, """
                beat beats beaten defeat defeated defeats win wins won victory draw drew drawn lose loses lost match
                matches game games coach manager striker midfielder defender goalkeeper keeper winger goal goals scored
                scorer score league cup season side sides squad fans stadium premiership championship final semi-final
                quarter-final fixture fixtures kick-off clash title captain tries try rugby football soccer cricket
                innings wicket batting bowling player players club clubs team teams points table relegation promotion
                transfer signing signed loan boss half-time penalty injury tournament nations international caps cap
                """),
            (.business, """
                shares share stock stocks profit profits revenue revenues sales firm firms company companies
                executive chairman takeover merger bid deal investors investor analysts market markets customers
                products brand subsidiary owner owned shareholders shareholder dividend earnings quarter plc inc ltd
                corp group bank banks retailer retailers chain stores store airline carrier maker makers manufacturer
                operator supplier brewer insurer lender giant rival rivals listed trading turnover acquisition
                """),
            (.politics, """
                mp mps party parties leader leaders voted vote votes voters election elections campaign manifesto
                candidate candidates government opposition seat seats poll polls politicians politician minister
                ministers cabinet parliament commons lords leadership policy policies chancellor backbench
                backbenchers spokesman spokeswoman conference coalition democrats
                """),
            (.media, """
                newspaper newspapers paper papers reported reports interview programme programmes broadcast
                broadcasts broadcaster broadcasters channel channels radio tv television show shows editor editors
                column columnist readers viewers listeners aired airs station stations magazine tabloid presenter
                """),
            (.arts, """
                film films movie movies book books novel novels album albums song songs series sitcom drama comedy
                documentary musical opera starring starred directed director actor actors actress author writer
                singer band award awards nominated nomination nominations oscar oscars box office chart charts
                release released dvd episode episodes character characters role theatre stage gallery exhibition
                """),
        ]
        var table = KeyMap<Topic>()
        for (topic, words) in lists {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                table[WordKeys.key(String(word))] = topic
            }
        }
        return table
    }()

    static let smallNumbers: KeyMap<Int> = {
        let words = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
        var table = KeyMap<Int>()
        for (value, word) in words.enumerated() { table[WordKeys.key(word)] = value }
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (k, word) in tens.enumerated() { table[WordKeys.key(word)] = (k + 2) * 10 }
        return table
    }()

    static let multipliers: KeyMap<Double> = table([
        WordKeys.key("hundred"): 100, WordKeys.key("thousand"): 1_000, WordKeys.key("million"): 1_000_000,
        WordKeys.key("billion"): 1_000_000_000, WordKeys.key("trillion"): 1_000_000_000_000,
        WordKeys.key("hundreds"): 100, WordKeys.key("thousands"): 1_000, WordKeys.key("millions"): 1_000_000,
        WordKeys.key("billions"): 1_000_000_000, WordKeys.key("dozen"): 12, WordKeys.key("dozens"): 12,
    ])

    /// Attached suffixes that scale a number ("1.5bn", "2m", "30k").
    static let scaleSuffixes: KeyMap<Double> = table([
        WordKeys.key("bn"): 1_000_000_000, WordKeys.key("b"): 1_000_000_000, WordKeys.key("m"): 1_000_000,
        WordKeys.key("mn"): 1_000_000, WordKeys.key("k"): 1_000, WordKeys.key("tn"): 1_000_000_000_000,
    ])

    private static func table(_ entries: [WordKey: Double]) -> KeyMap<Double> {
        var map = KeyMap<Double>()
        for (key, value) in entries { map[key] = value }
        return map
    }

}
