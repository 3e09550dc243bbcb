"""What each kind of personal data looks like, and the words that mark a name as kept."""

from __future__ import annotations

import re

from ..vocabulary import ORGANISATION_WORDS

ALL_KINDS: tuple[str, ...] = ("email", "phone", "postcode", "address", "ni_number", "person")
PLACEHOLDERS: dict[str, str] = {
    "email": "[email]", "phone": "[phone]", "postcode": "[postcode]", "address": "[address]",
    "ni_number": "[NI number]", "person": "[name]",
}
_NER_BATCH = 64
_NER_CHUNK = 100_000  # characters per piece sent to spaCy, far below its max_length

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"

# --- pattern kinds -------------------------------------------------------------------------------

_LOCAL_PART = r"(?<![\w.%+'’-])[A-Za-z0-9][A-Za-z0-9._%+'’-]*"  # j.o'neill, jane+panel
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(  # "jane@example.org", "jane @ example.org", "jane(at)example(dot)org"
    rf"{_LOCAL_PART}[ \t]*(?:@|\(at\)|\[at\]|\{{at\}}|<at>)[ \t]*{_LABEL}"
    rf"(?:(?:\.|[ \t]*(?:\(dot\)|\[dot\]|\{{dot\}})[ \t]*){_LABEL})*"
    rf"(?:\.|[ \t]*(?:\(dot\)|\[dot\]|\{{dot\}})[ \t]*)[A-Za-z]{{2,24}}(?![\w-])", re.IGNORECASE)
# written out in words: "jane at example dot org" (the last label a known ending, so "meet at
# the hall dot com" style prose needs a real ending to match)
_EMAIL_WORDS = re.compile(
    rf"{_LOCAL_PART}[ \t]+at[ \t]+{_LABEL}(?:[ \t]+dot[ \t]+{_LABEL})*[ \t]+dot[ \t]+"
    r"(?:com|org|net|uk|gov|ac|nhs|info|io|me|biz|co)(?![\w-])", re.IGNORECASE)

# candidate: a 0 / (0 / +44 prefix, then up to five digit groups with single separators; the
# longest prefix of groups that is a valid UK number is taken (see _phone_spans)
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+£$€.,/-])(?:\+44[ \t-]?(?:\(0\)[ \t-]?)?|\(0|0)\d+(?:\)?[ \t-]?\d+){0,4}")
# national significant number (digits after the 0 or +44): 10 digits, or 9 for some
# landlines (016977 xxxx) and freephone (0800 xxxxxx); mobiles always have 10
_UK_NSN = re.compile(r"[18]\d{8,9}|[235679]\d{9}")

_POSTCODE = re.compile(  # outward code (area, district), optional space, inward code; any case
    r"\b(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]"
    r"|[A-HK-Y]\d[ABEHMNPRV-Y]))[ \t]?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)

_NI_NUMBER = re.compile(  # any case, spaced or hyphenated: qq123456c, QQ-12-34-56-C
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)(?:QQ|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"[ \t-]?\d{2}[ \t-]?\d{2}[ \t-]?\d{2}(?:[ \t-]?[A-D])?\b", re.IGNORECASE)
# a cheap test before libphonenumber is asked: seven digits with at most separators between
_MAY_HOLD_PHONE = re.compile(r"\d(?:[ \t.()\-]{0,2}\d){6}")

_STREET_SUFFIXES = (
    "Road", "Rd", "Street", "St", "Lane", "Ln", "Avenue", "Ave", "Close", "Drive", "Dr", "Way",
    "Crescent", "Court", "Ct", "Place", "Pl", "Gardens", "Gdns", "Terrace", "Farm", "Grove", "Mews",
    "Row", "Square", "Sq", "Walk", "Rise", "Parade", "Hill", "Green", "Park", "Cottages", "Fields",
    "Meadows", "View", "Yard", "Wharf", "Boulevard",
)
_LETTER_WORDS = (  # a locality never starts with these (the next line of a letter)
    "Dear", "Yours", "To", "The", "Re", "Subject", "Date", "Tel", "Telephone", "Phone", "Email",
    "E-mail", "Mobile", "From", "Sent", "Ref", "Our", "Your", "We", "I",
)
_CAP_WORD = rf"[{_UP}][{_UP}{_LOW}'’\-]*"
_LOCALITY_WORD = rf"(?!(?:{'|'.join(_LETTER_WORDS)})\b)[{_UP}][{_LOW}'’\-]+"
_ADDRESS = re.compile(
    rf"(?<![\w£$€.,/-])"
    rf"(?:(?:Flat|Apartment|Unit)[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+)?"
    rf"\d{{1,4}}[A-Za-z]?(?:[-–]\d{{1,4}}[A-Za-z]?)?,?[ \t]+"
    rf"(?:{_CAP_WORD}[ \t]+){{1,3}}(?:{'|'.join(_STREET_SUFFIXES)})\b\.?"
    rf"(?:(?:,[ \t]*\n?|\n)[ \t]*{_LOCALITY_WORD}(?:[ \t]+{_LOCALITY_WORD}){{0,2}}){{0,2}}")
# the same in lower case or capitals ("14 mill lane", "14 MILL LANE"): full street words only,
# and no function word or count noun among the street's words ("20 years of the high street")
_PLAIN_WORDS = ("the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with",
                "from", "our", "my", "their", "this", "that", "years", "year", "months", "weeks",
                "days", "people", "miles", "new", "more", "other", "per", "cent", "percent")
_ADDRESS_ANY_CASE = re.compile(
    rf"(?<![\w£$€.,/-])(?:(?:flat|apartment|unit)[ \t]+\d{{1,4}}[a-z]?,?[ \t]+)?"
    rf"\d{{1,4}}[a-z]?(?:[-–]\d{{1,4}}[a-z]?)?,?[ \t]+"
    rf"(?:(?!(?:{'|'.join(_PLAIN_WORDS)})\b)[a-z][a-z'’\-]*[ \t]+){{1,3}}"
    r"(?:road|rd|street|lane|avenue|close|drive|crescent|court|place|gardens|terrace|grove|"
    r"mews|row|square|walk|rise|parade|boulevard|wharf|yard)\b", re.IGNORECASE)
_HOUSE_WORDS = ("Cottage", "House", "Rectory", "Vicarage", "Farmhouse", "Lodge", "Barn", "Manor",
                "Grange", "Villa", "Bungalow", "Croft", "Mill", "Oast", "Chalet")
_HOUSE_NAME = re.compile(  # "The Old Rectory, Church Road", "Rose Cottage, Mill Lane, Fenby"
    rf"(?<![\w-])(?:The[ \t]+)?(?:{_CAP_WORD}[ \t]+){{0,2}}(?:{'|'.join(_HOUSE_WORDS)}),[ \t]*"
    rf"(?:{_CAP_WORD}[ \t]+){{1,3}}(?:{'|'.join(_STREET_SUFFIXES)})\b"
    rf"(?:,[ \t]*{_LOCALITY_WORD}(?:[ \t]+{_LOCALITY_WORD}){{0,2}})?")

# --- names that are kept -------------------------------------------------------------------------

_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor")
# public-office titles; every one starts with a letter in _TITLE_INITIALS (keep the two in step)
_PUBLIC_TITLES = (
    r"(?:Deputy\s+|Assistant\s+|Temporary\s+)?Chief\s+Constable",
    r"(?:Deputy\s+)?(?:Police,?\s+(?:Fire\s+)?and\s+Crime\s+)?Commissioner",
    r"(?:Deputy\s+)?(?:PCC|PFCC)",
    r"(?:Chief\s+)?Superintendent", r"(?:Detective\s+)?Chief\s+Inspector",
    r"(?:Deputy\s+|Assistant\s+)?Chief\s+Fire\s+Officer",
    r"(?:County\s+|Borough\s+|City\s+|District\s+|Parish\s+|Town\s+)?Councillor", r"Cllr\.?",
    r"(?:Lord\s+|Deputy\s+)?Mayor", r"(?:Policing\s+)?Minister", r"Home\s+Secretary",
    r"Secretary\s+of\s+State",
)
_TITLE_INITIALS = "abcdhlmpst"
_NAME_TOKEN = rf"(?:[{_UP}]\.|[{_UP}][{_UP}'’\-]*[{_LOW}][{_UP}{_LOW}'’\-]*)"
_NAME = rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}}"
_TITLED_NAME = re.compile(  # "Chief Constable Raj Mehta", "the Deputy Commissioner, Marcus Doyle"
    rf"(?i:\b(?=[{_TITLE_INITIALS}])(?:{'|'.join(_PUBLIC_TITLES)}))"  # lookahead for speed
    rf",?(?:[ \t]+(?:{'|'.join(_HONORIFICS)})\.?)?[ \t]+{_NAME}")
_NAME_THEN_TITLE = re.compile(  # "Raj Mehta, the Chief Constable", "Jane Smith MP"
    rf"\b{_NAME}(?:,[ \t]+(?i:(?:the[ \t]+)?(?:{'|'.join(_PUBLIC_TITLES)}))\b"
    rf"|[ \t]+(?:MP|MSP|MS|AM)\b)")

# cheap test for "could contain a name": two capitalised words in a row (see _may_hold_name)
_OPENERS = frozenset(("The", "This", "That", "These", "Those", "A", "An", "Our", "We", "In", "On",
                      "At", "It", "If", "As", "For", "From", "To", "And", "But"))
_CAPITALISED = re.compile(rf"(?<![\w'’])[{_UP}][\w'’.\-]*")

# a PERSON entity with one of these words is an organisation, place or plan, not a person
_NOT_PERSON_WORDS = frozenset(
    # community, faith and voluntary groups ("Harrow Lane Tenants", "Brookside Mosque")
    ["tenants", "residents", "youth", "mosque", "church", "churches", "chapel", "cathedral", "temple", "synagogue", "gurdwara", "mandir", "academy", "hospital", "surgery", "clinic", "library", "institute", "cic", "collective", "coalition", "initiative", "campaign", "action", "fellowship", "league", "scouts", "guides", "brigade", "lodge", "mission", "refuge", "shelter", "aid", "housing", "cooperative", "co-op", "company", "corporation", "llp", "inc", "consortium", "carers", "friends", "volunteers", "pantry", "bank", "support", "associates", "alliance", "congregation", "diocese", "circle", "institute", "men's", "women's",
     "partnerships", "police", "commissioner", "panel", "ltd", "limited", "plc", "team", "unit", "center", "force", "fund", "club", "nhs", "ministry", "county", "district", "borough", "parish", "show", "strategy", "plan", "hq", "road", "street", "avenue", "crescent", "terrace", "gardens", "mews", "square", "parade", "estate"]
    + [word.lower() for word in ORGANISATION_WORDS])
# street words that are also surnames (Susan Lane, Tom Hill): a street only after a preposition
_STREET_SURNAMES = frozenset(
    ["lane", "way", "close", "green", "hill", "park", "hall", "house", "church", "court", "grove", "drive", "walk", "place", "row", "view", "farm", "fields", "rise"])
_BEFORE_STREET = re.compile(
    r"\b(?:on|in|along|off|at|near|down|up|into|onto|past|via|around|across|opposite|behind)"
    r"\s+$", re.IGNORECASE)
# role and subject words: an ORG entity or a word after "Mr" with one is not a person's name
_ORG_ONLY_WORDS = frozenset(
    ["support", "safer", "streets", "safety", "victim", "victims", "youth", "crime", "community", "communities", "abuse", "domestic", "business", "rural", "fire", "rescue", "health", "care", "housing", "news", "welcome", "about", "introduction", "summary", "background", "contents", "evidence", "response", "submission", "review", "appendix", "annex", "conclusion", "conclusions", "recommendations", "key", "points", "findings", "executive", "chief", "chair", "manager", "officer", "secretary", "director", "head", "leader", "clerk", "coordinator", "policy", "public", "protection", "directorate", "branch", "staff", "members", "member", "scheme", "speed", "central", "chairman", "chairwoman", "speaker", "president", "mayor", "deputy", "vice", "minister"])
_PLACE_FIRST = frozenset(["Little", "Great", "Upper", "Lower", "Nether", "Old", "New", "East", "West", "North", "South", "Kings", "Market", "Long", "High", "Saint"])
_PLACE_LAST = frozenset(["Vale", "Magna", "Parva", "Regis", "Fen", "Fens", "Moor", "Heath", "Dale", "Wold", "Wolds", "Downs", "Valley", "Forest", "Island", "Bay", "Harbour", "Village", "Central"])
# a capitalised name between these and the entity is a place ("in Ashby Magna")
_BEFORE_PLACE = re.compile(
    r"\b(?:in|near|across|around|throughout|within|outside|towards)\s+$", re.IGNORECASE)
# a signature's role line ("Chief Executive, Haven Ravensmoor"): an organisation follows the comma
_ROLE_LINE_START = re.compile(
    r"^[ \t]*(?:[A-Z][\w\-]*[ \t]+){0,3}(?:Executive|Chair|Co-chairs?|Chairman|Chairwoman|"
    r"Secretary|Manager|Director|Head|Leader|Clerk|Officer|Coordinator|Co-ordinator|Lecturer|"
    r"Professor|Treasurer|President|Founder|Trustee|Lead|Adviser|Advisor)\b[^\n,]*,[ \t]*$")
# a capitalised name word: Hart, O'Neill, McDonald, Smith-Jones
_NAME_WORD = re.compile(
    rf"[{_UP}](?:['’][{_UP}])?[{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:-[{_UP}]?[{_LOW}]+)*")
_FULL_NAME = (rf"(?:(?:{'|'.join(_HONORIFICS)})\.?[ \t]+)?"
              rf"{_NAME_WORD.pattern}(?:[ \t]+{_NAME_WORD.pattern}){{1,2}}")
# a line of names only: "Nadia Brook", "Amara Osei and Daniel Pike"
_NAME_LINE = re.compile(rf"{_FULL_NAME}(?:[ \t]*(?:,|&|\band\b)[ \t]*{_FULL_NAME})*,?")
# "Mrs Clarke", "Mr T Ashworth", "Dr J. Smith": the name after an honorific, found without a model
_HONORIFIC_NAME = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+((?:[{_UP}]\.?[ \t]+){{0,3}}{_NAME_WORD.pattern}"
    rf"(?:[ \t]+{_NAME_WORD.pattern})?)")
# names in lower case, which the model never tags: after a lower-case honorific ("mrs okafor"),
# or a common first name before a surname-like word ("jane okafor"); the first names are those
# that are not also everyday English words (no Mark, Grace, Will, Rose ...)
_FIRST_NAMES = frozenset(["aaron", "abdul", "adam", "adrian", "ahmed", "aisha", "alan", "alex", "alexander", "alice", "alison", "amanda", "amara", "amelia", "amir", "amy", "andrew", "angela", "ann", "anna", "anne", "anthony", "arthur", "ashley", "barbara", "ben", "benjamin", "beth", "bethany", "bilal", "brian", "callum", "carl", "carol", "caroline", "catherine", "charles", "charlie", "charlotte", "chloe", "chris", "christine", "christopher", "claire", "colin", "craig", "daniel", "darren", "david", "dawn", "deborah", "declan", "denise", "derek", "diane", "donna", "dylan", "edward", "eleanor", "elizabeth", "ellie", "emily", "emma", "eric", "ethan", "fatima", "fiona", "frances", "francesca", "gareth", "gary", "gemma", "george", "gillian", "graham", "hannah", "harry", "harvey", "hassan", "helen", "holly", "ian", "imran", "isaac", "isabella", "jack", "jacob", "james", "jamie", "jane", "janet", "jason", "jeffrey", "jennifer", "jessica", "joanne", "john", "jonathan", "joseph", "josh", "joshua", "julie", "karen", "kate", "katherine", "keith", "kelly", "kevin", "kieran", "laura", "lauren", "leah", "liam", "linda", "lisa", "louise", "lucy", "luke", "margaret", "maria", "martin", "mary", "matthew", "megan", "michael", "michelle", "mohammed", "muhammad", "nadia", "naomi", "natalie", "nathan", "neil", "nicholas", "nicola", "oliver", "olivia", "omar", "owen", "patricia", "paul", "paula", "pauline", "peter", "philip", "priya", "rachel", "rebecca", "richard", "robert", "ruth", "ryan", "samantha", "samuel", "sandra", "sarah", "scott", "sean", "sharon", "simon", "sophie", "stephen", "steven", "stuart", "susan", "thomas", "timothy", "tom", "tracy", "victoria", "wendy", "william", "yasmin", "zara", "zoe"])
_LOWER_NAME = re.compile(
    r"(?<![\w'’-])(?:(?:mr|mrs|ms|miss|mx|dr)\.?[ \t]+([a-z][a-z'’\-]+(?:[ \t]+[a-z][a-z'’\-]+)?)"
    r"|((?:" + "|".join(sorted(_FIRST_NAMES)) + r")[ \t]+[a-z][a-z'’\-]+))(?![\w'’-])")
_FIRST_NAME_THEN_SURNAME = re.compile(  # "Priya Raman", "Amara Osei": no model needed
    rf"(?<![\w'’-])([{_UP}][{_LOW}]+)[ \t]+({_NAME_WORD.pattern})(?![\w'’-])")
_ALL_CAPS_RUN = re.compile(rf"(?<![\w'’])[{_UP}][{_UP}'’\-]+(?:[ \t]+[{_UP}][{_UP}'’\-]+)+(?![\w'’])")
# words after a lower-case first name or honorific that are prose, not a surname
_PLAIN_NAME_WORDS = frozenset(["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him", "his", "i", "if", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "that", "the", "their", "them", "then", "there", "they", "this", "to", "told", "us", "was", "we", "were", "what", "when", "who", "will", "with", "would", "you", "your", "said", "says", "asked", "wrote", "called", "rang", "came", "went", "has", "who", "which", "also", "again", "about", "after", "before", "since", "says", "thinks", "wants"])
_HONORIFIC_BEFORE = re.compile(rf"\b(?:{'|'.join(_HONORIFICS)})\.?[ \t]+$")
# tokens trimmed from either end of a PERSON entity before it is redacted
# (honorifics and ranks stay outside the placeholder: "Mrs [name]", "Sergeant [name]")
_EDGE_WORDS = frozenset(
    ["dear", "contact", "from", "to", "signed", "re", "yours", "thanks", "thank", "cc", "attn", "and", "the", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sergeant", "sgt", "constable", "pc", "pcso", "inspector", "detective", "dc", "ds", "officer"])
_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*|\S")


