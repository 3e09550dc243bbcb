"""Redact personal data that scrutiny does not need from text before it is written out.

Submissions are published with contact details removed, so by default every output (CSV,
findings, report, Word) passes through a :class:`Redactor`. Each kind of personal data is replaced
by a placeholder that says what was there:

REDACTION_KINDS

    ===========  ==============  ==========================================================
    kind         placeholder     what is caught
    ===========  ==============  ==========================================================
    email        ``[email]``     ``j.hart@example.org``, ``j.o'neill@...``, spaced, bracketed
                                 or written out: ``jane(at)example.org``, ``jane at example
                                 dot org``
    phone        ``[phone]``     UK landlines and mobiles with a ``0``, ``+44`` or ``+44 (0)``
                                 prefix, spaces, hyphens or brackets: ``01632 960 123``,
                                 ``(01632) 960123``, ``07700 900123``, ``+44 7700 900 123``,
                                 ``020 7946 0000``, ``0800 123 4567``; and whatever
                                 libphonenumber (``phonenumbers``) finds as a UK number:
                                 ``0044 7700 900123``, ``07700.900.123``
    postcode     ``[postcode]``  full UK postcodes (outward and inward code, any case):
                                 ``SW1A 1AA``, ``M1 1AE``, ``RG12 8ZZ``; a district on its
                                 own (``AV3``) is kept
    address      ``[address]``   a house number, capitalised street name and street suffix
                                 (Road, Street, Lane, Avenue, Close, Drive, Way, Crescent,
                                 Court, Place, Gardens, Terrace, Farm, ...), optionally
                                 ``Flat 2,`` before and up to two localities after it:
                                 ``14 Mill Lane, Ashby Vale``; in any case (``14 mill
                                 lane``); a house name before a street (``The Old Rectory,
                                 Church Road``)
    ni_number    ``[NI number]`` National Insurance numbers in any case, spaced or
                                 hyphenated: ``QQ 12 34 56 C``, ``qq123456c``, ``QQ-12-34-56-C``
    person       ``[name]``      names of private individuals: ``PERSON`` entities of the
                                 bundled spaCy pipeline (``load_pipeline("entities")``), a
                                 signature line the model takes for an ``ORG``, and a name
                                 after an honorific in any case (``Mrs [name]``, ``mr [name]``),
                                 a common first name before a surname (``[name]`` for
                                 ``Priya Raman`` or ``jane okafor``); names in capitals are
                                 read in title case
    ===========  ==============  ==========================================================

What is kept, so the evidence can still be scrutinised:

- names of organisations: ``ORG`` entities (except a line holding nothing but two or three
  name-like words, which is a signature), and a ``PERSON`` entity with an organisation word
  such as Council, Watch or Trust;
- places the model takes for people ("Little Bewley", "Ashby Vale", "in Ashby Magna"), streets
  without a house number ("on Mill Lane") and a single word on its own ("Madam", "Brackenby");
- the target's name, aliases and office holders from the codebook (their full names, with or
  without an honorific: a surname alone, "Mrs Okafor", is redacted), plus a user keep-list;
- a name after a public-office title ("Chief Constable Raj Mehta", "the Deputy Commissioner,
  Marcus Doyle", "Cllr Jane Smith", "Mayor ...", superintendents and chief inspectors) or
  followed by one ("Raj Mehta, the Chief Constable", "Jane Smith MP"). Officers of lower rank
  are redacted, with the rank left in place ("Sergeant [name]").

Patterns run first; the pipeline's entities are found last, on the text with the pattern matches
already replaced, so a postcode or street never reads as a name. Overlapping matches resolve to
the longest. Nothing inside a kept name is redacted: a name entity that overlaps one loses the
overlap, and a pattern match lying wholly inside one is dropped.

    >>> redactor = Redactor(use_ner=False)
    >>> redactor.redact("Call 01632 960 123 or write to j.hart@example.org.")[0]
    'Call [phone] or write to [email].'
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from .schema import require_columns

if TYPE_CHECKING:
    from spacy.language import Language

    from .codebook import Codebook

__all__ = ["ALL_KINDS", "PLACEHOLDERS", "RedactionReport", "Redactor", "Span", "redact_frame"]

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
     "council", "councils", "watch", "association", "partnership", "partnerships", "police", "service", "services", "trust", "union", "federation", "commission", "commissioner", "panel", "office", "ltd", "limited", "plc", "group", "hub", "university", "college", "school", "society", "team", "unit", "board", "forum", "committee", "centre", "center", "authority", "department", "constabulary", "force", "network", "alliance", "project", "charity", "foundation", "fund", "club", "agency", "nhs", "ministry", "county", "district", "borough", "parish", "show", "strategy", "plan", "hq", "road", "street", "avenue", "crescent", "terrace", "gardens", "mews", "square", "parade", "estate"])
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


@dataclass(frozen=True)
class Span:
    """One redacted stretch of the original text.

    Attributes:
        kind: one of :data:`ALL_KINDS`.
        start: offset of the first character in the original text.
        end: offset just past the last character.
        original: ``text[start:end]``, the personal data removed.
    """

    kind: str
    start: int
    end: int
    original: str

    @property
    def placeholder(self) -> str:
        """What replaces the span in the output, e.g. ``[email]``."""
        return PLACEHOLDERS[self.kind]


@dataclass
class RedactionReport:
    """How much a :class:`Redactor` removed, per kind, over every text it has seen.

    Attributes:
        email, phone, postcode, address, ni_number, person: spans redacted of each kind.
        texts: texts passed through the redactor.
        texts_changed: texts in which at least one span was redacted.
    """

    email: int = 0
    phone: int = 0
    postcode: int = 0
    address: int = 0
    ni_number: int = 0
    person: int = 0
    texts: int = 0
    texts_changed: int = 0

    @property
    def total(self) -> int:
        """Spans redacted, all kinds together."""
        return sum(getattr(self, kind) for kind in ALL_KINDS)

    def add(self, spans: Sequence[Span]) -> None:
        """Count the spans redacted from one text."""
        self.texts += 1
        self.texts_changed += bool(spans)
        for span in spans:
            setattr(self, span.kind, getattr(self, span.kind) + 1)

    def as_dict(self) -> dict[str, int]:
        """Counts per kind, ``total``, ``texts`` and ``texts_changed``, for ``run.json``."""
        return {**{kind: getattr(self, kind) for kind in ALL_KINDS}, "total": self.total,
                "texts": self.texts, "texts_changed": self.texts_changed}


class Redactor:
    """Replace personal data in texts with placeholders; see the module docstring for the kinds.

    Args:
        kinds: the kinds to redact, a subset of :data:`ALL_KINDS` (default: all).
        keep: extra names never to redact (people or organisations), matched case-insensitively
            except for all-capital acronyms.
        codebook: its target's name, aliases and office holders are kept.
        use_ner: find private individuals' names with the spaCy pipeline (default True). With
            False no model is loaded and only names after an honorific ("Mrs Clarke") are found.
        nlp: a spaCy pipeline with an ``ner`` component to use instead of the bundled
            ``load_pipeline("entities")``, which is loaded on first need.

    Attributes:
        report: a :class:`RedactionReport` accumulating counts over every call.

    Raises:
        ValueError: when ``kinds`` names an unknown kind.
    """

    def __init__(self, *, kinds: Sequence[str] = ALL_KINDS, keep: Sequence[str] = (),
                 codebook: Codebook | None = None, use_ner: bool = True,
                 nlp: Language | None = None) -> None:
        if isinstance(kinds, str):
            kinds = (kinds,)
        unknown = [k for k in kinds if k not in ALL_KINDS]
        if unknown:
            raise ValueError(f"unknown redaction kind(s) {', '.join(map(repr, unknown))}; "
                             f"choose from {', '.join(ALL_KINDS)}")
        self.kinds = tuple(k for k in ALL_KINDS if k in kinds)
        self.keep = tuple(keep)
        self.codebook = codebook
        self.use_ner = use_ner
        self.nlp = nlp
        self.report = RedactionReport()
        self._memo: dict[str, list[Span]] = {}  # spans by text: a text is searched once
        self._keep_pattern, self._kept_names = _compile_keep(self._keep_names())

    # -- public ----------------------------------------------------------------------------------

    def redact(self, text: str) -> tuple[str, list[Span]]:
        """Redact one text.

        Returns:
            The redacted text and the spans removed, with offsets into the original ``text``,
            in text order.
        """
        spans = self._redact_spans([text])[0]
        return _apply(text, spans), spans

    def redact_many(self, texts: Iterable[str]) -> list[str]:
        """Redact many texts, running the spaCy pipeline in batches (much faster than a loop).

        Only texts that still hold two capitalised words in a row once the pattern kinds are
        replaced go through the pipeline.
        """
        texts = list(texts)
        return [_apply(t, s) for t, s in zip(texts, self._redact_spans(texts), strict=True)]

    def keeping(self, names: Iterable[str]) -> Redactor:
        """A redactor like this one that also keeps ``names`` (e.g. the organisations that sent
        evidence), sharing its pipeline; its :attr:`report` starts from zero."""
        extra = [n for n in dict.fromkeys(names) if isinstance(n, str) and n.strip()]
        return Redactor(kinds=self.kinds, keep=(*self.keep, *extra), codebook=self.codebook,
                        use_ner=self.use_ner, nlp=self.nlp)

    def neutral_name(self, value: str) -> str | None:
        """A stand-in for an id or file name that holds personal data, or None when it holds none.

        Underscores read as spaces ("Mrs_Jane_Okafor" is a name). The stand-in is the redacted
        words as a slug and a hash of the original, so it stays stable from run to run and two
        files never share it: ``Mrs Jane Okafor 14 Mill Lane RG1 4XX`` becomes
        ``mrs_name_address_postcode-<8 hex digits>``. Only the review store keeps the original.
        """
        words = " ".join(value.replace("_", " ").split())
        redacted, spans = self.redact(words)
        if not spans:
            return None
        slug = re.sub(r"[^a-z0-9]+", "_", redacted.lower()).strip("_") or "submission"
        return f"{slug}-{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}"

    def redact_path(self, path: str) -> str:
        """``path`` with every folder or file name that holds personal data made neutral.

        The extension and a ``#row=N`` suffix are kept: ``/in/Mrs Jane Okafor.txt#row=2`` becomes
        ``/in/mrs_name-<hash>.txt#row=2``.
        """
        file, hash_mark, row = path.partition("#row=")
        parts = re.split(r"([/\\])", file)
        for i, part in enumerate(parts):
            if part in ("", "/", "\\") or part.startswith("."):
                continue
            stem, dot, suffix = part.rpartition(".") if "." in part else (part, "", "")
            neutral = self.neutral_name(stem)
            if neutral is not None:
                parts[i] = f"{neutral}{dot}{suffix}"
        return "".join(parts) + hash_mark + row

    def __repr__(self) -> str:
        return (f"Redactor(kinds={self.kinds!r}, keep={self.keep!r}, "
                f"codebook={getattr(self.codebook, 'name', None)!r}, use_ner={self.use_ner})")

    # -- internals -------------------------------------------------------------------------------

    def _keep_names(self) -> list[str]:
        names = list(self.keep)
        if self.codebook is not None:
            names += self.codebook.target.all_names()
        return [n for n in names if n.strip()]

    def _run_ner(self) -> bool:
        return self.use_ner and "person" in self.kinds

    def _redact_spans(self, texts: list[str]) -> list[list[Span]]:
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"Redactor needs strings; item {i} is {type(text).__name__}. "
                                f"Use redact_frame for columns with missing values.")
        # derived columns quote the statements again: each distinct text is searched once
        fresh = list(dict.fromkeys(t for t in texts if t not in self._memo))
        kept = [self._kept_spans(t) for t in fresh]
        found = [self._pattern_spans(t, k) for t, k in zip(fresh, kept, strict=True)]
        if self._run_ner():
            self._add_person_spans(fresh, kept, found)
        for text, spans in zip(fresh, found, strict=True):
            spans.sort(key=lambda s: s.start)
            self._memo[text] = spans
        out = [list(self._memo[t]) for t in texts]
        for spans in out:
            self.report.add(spans)
        return out

    def _kept_spans(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in _TITLED_NAME.finditer(text)]
        spans += [m.span() for m in _NAME_THEN_TITLE.finditer(text)]
        if self._keep_pattern is not None:
            spans += [m.span() for m in self._keep_pattern.finditer(text)]
        return spans

    def _pattern_spans(self, text: str, kept: list[tuple[int, int]]) -> list[Span]:
        candidates: list[Span] = []
        if "email" in self.kinds and _may_hold_email(text):
            candidates += [Span("email", *m.span(), m.group())
                           for pattern in (_EMAIL, _EMAIL_WORDS) for m in pattern.finditer(text)]
        if "phone" in self.kinds and _MAY_HOLD_PHONE.search(text):
            candidates += _phone_spans(text)
        if "postcode" in self.kinds:
            candidates += [Span("postcode", *m.span(), m.group()) for m in _POSTCODE.finditer(text)]
        if "address" in self.kinds:
            for match in itertools.chain(_ADDRESS.finditer(text),
                                         _ADDRESS_ANY_CASE.finditer(text),
                                         _HOUSE_NAME.finditer(text)):
                start, end = _rstrip_span(text, *match.span())
                candidates.append(Span("address", start, end, text[start:end]))
        if "ni_number" in self.kinds:
            candidates += [Span("ni_number", *m.span(), m.group())
                           for m in _NI_NUMBER.finditer(text)]
        if "person" in self.kinds:
            for match in _HONORIFIC_NAME.finditer(text):
                start, end = match.span(1)
                if (_looks_like_person(text, start, end, org=False)
                        and not set(map(_key, _words(text, start, end))) & _ORG_ONLY_WORDS
                        and not self._is_kept_name(match.group(1))):
                    candidates.append(Span("person", start, end, match.group(1)))
            candidates += self._lower_case_names(text)
        # a match lying wholly inside a kept name ("12 Downing Street" on the keep-list) stays
        candidates = [s for s in candidates
                      if not any(ks <= s.start and s.end <= ke for ks, ke in kept)]
        return _longest_first(candidates)

    def _lower_case_names(self, text: str) -> list[Span]:
        """Names in lower case: "mrs okafor", "mr tom ashworth", "jane okafor"."""
        spans = []
        for match in _LOWER_NAME.finditer(text):
            group = 1 if match.group(1) else 2
            start, end = match.span(group)
            words = match.group(group).split()
            if group == 1 and len(words) == 2 and words[0] not in _FIRST_NAMES:
                end = start + len(words[0])  # "mrs okafor said": the second word is prose
                words = words[:1]
            if any(w in _PLAIN_NAME_WORDS for w in words[-1:]) or self._is_kept_name(" ".join(words)):
                continue
            spans.append(Span("person", start, end, text[start:end]))
        for match in _FIRST_NAME_THEN_SURNAME.finditer(text):
            start, end = match.span()
            if (match.group(1).lower() in _FIRST_NAMES
                    and _key(match.group(2)) not in _ORG_ONLY_WORDS | _STREET_SURNAMES
                    and _looks_like_person(text, start, end, org=False)
                    and not self._is_kept_name(match.group())):
                spans.append(Span("person", start, end, match.group()))
        return spans

    def _add_person_spans(self, texts: list[str], kept: list[list[tuple[int, int]]],
                          found: list[list[Span]]) -> None:
        """Run NER on the pattern-redacted texts that may hold a name; add ``person`` spans."""
        jobs: list[tuple[str, tuple[int, int, list[tuple[int, int, int]]]]] = []
        for i, (text, spans) in enumerate(zip(texts, found, strict=True)):
            masked, pieces = _mask(text, spans)
            # names in capitals ("JANE OKAFOR") read to the model in title case, same length
            masked = _ALL_CAPS_RUN.sub(lambda m: m.group().title(), masked)
            if not self._may_hold_name(masked):
                continue
            for offset, chunk in _chunks(masked, _NER_CHUNK):
                jobs.append((chunk, (i, offset, pieces)))
        if not jobs:
            return
        nlp = self._pipeline()
        for doc, (i, offset, pieces) in nlp.pipe(jobs, as_tuples=True, batch_size=_NER_BATCH):
            for ent in doc.ents:
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                start = _unmask(offset + ent.start_char, offset + ent.end_char, pieces)
                if start is None:
                    continue  # touches a placeholder: not a name
                end = start + ent.end_char - ent.start_char
                titled = _ALL_CAPS_RUN.sub(lambda m: m.group().title(), texts[i])
                for s, e in self._name_parts(titled, start, end, kept[i], ent.label_ == "ORG"):
                    found[i].append(Span("person", s, e, texts[i][s:e]))

    def _may_hold_name(self, text: str) -> bool:
        """Whether NER could find a name here that :meth:`_name_parts` would redact.

        A redacted name has two capitalised words in a row, none of them an organisation word
        (:data:`_NOT_PERSON_WORDS` rejects the whole entity), and is not a kept name. Texts without
        such a pair ("the Chief Constable", "Marcus Doyle" when he holds office) skip the model,
        which is most of the time the report takes.
        """
        words = [(m.start(), m.end(), m.group()) for m in _CAPITALISED.finditer(text)]
        for (_, end, first), (start, _, second) in itertools.pairwise(words):
            if (end == start or text[end:start].strip(" \t") or first in _OPENERS
                    or _key(first) in _NOT_PERSON_WORDS or _key(second) in _NOT_PERSON_WORDS):
                continue
            if not self._is_kept_name(f"{first} {second}"):
                return True
        return False

    def _pipeline(self) -> Language:
        if self.nlp is None:
            from .nlp import load_pipeline

            self.nlp = load_pipeline("entities")
        return self.nlp

    def _name_parts(self, text: str, start: int, end: int, kept: list[tuple[int, int]],
                    org: bool) -> Iterator[tuple[int, int]]:
        """The parts of an entity to redact as a private individual's name, line by line.

        A ``PERSON`` entity counts unless it looks like an organisation, street or place, or is a
        kept name. The small model often tags a signature ("Nadia Brook" on its own line) as
        ``ORG``, so an ``ORG`` entity counts when it is two or three name-like words alone on
        their line (or joined by "and") and has no organisation word.
        """
        for line_start, line_end in _split_lines(text, start, end):
            piece = _trim_tokens(text, line_start, line_end)
            if piece is None:
                continue
            s, e = piece
            if org and not _alone_on_line(text, s, e):
                continue
            if not _looks_like_person(text, s, e, org) or self._is_kept_name(text[s:e]):
                continue
            for part in _subtract(s, e, kept):
                trimmed = _trim_tokens(text, *part)
                if trimmed is not None and _enough_name(text, *trimmed):
                    yield trimmed

    def _is_kept_name(self, name: str) -> bool:
        words = name.split()
        while words and words[0].rstrip(".") in _HONORIFICS:
            words = words[1:]
        key = " ".join(words).removesuffix("'s").removesuffix("’s").lower()
        return key in self._kept_names


def redact_frame(frame: pd.DataFrame, columns: Sequence[str], redactor: Redactor) -> pd.DataFrame:
    """A copy of ``frame`` with the text in ``columns`` redacted.

    String cells are redacted, list cells (e.g. findings ``quotes``) element by element; other
    values (numbers, missing values) are left as they are. All texts go through
    :meth:`Redactor.redact_many` together, so the pipeline runs in batches.

    Raises:
        ColumnsError: naming the columns ``frame`` lacks.
    """
    require_columns(frame, columns, stage="redact_frame")
    out = frame.copy()
    texts: list[str] = []
    for column in columns:
        for value in out[column]:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, (list, tuple)):
                texts += [v for v in value if isinstance(v, str)]
    redacted = iter(redactor.redact_many(texts))

    def replace(value: Any) -> Any:
        if isinstance(value, str):
            return next(redacted)
        if isinstance(value, (list, tuple)):
            return type(value)(next(redacted) if isinstance(v, str) else v for v in value)
        return value

    for column in columns:
        out[column] = pd.Series([replace(v) for v in out[column]], index=out.index,
                                dtype=out[column].dtype)
    return out


# --- helpers -------------------------------------------------------------------------------------

def _compile_keep(names: Sequence[str]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """A pattern finding the kept names in text, and the normalised names.

    Only the full names (and whatever forms the codebook lists) are kept: a surname on its own
    is not, so "Mrs Okafor" is redacted though an office holder is called Dawn Okafor."""
    if not names:
        return None, frozenset()
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(w) for w in name.split())
        parts.append(rf"\b{escaped}\b" if name.isupper() else rf"(?i:\b{escaped}\b)")
    normalised = {" ".join(n.split()).lower() for n in names}
    return re.compile("|".join(parts)), frozenset(normalised)


def _may_hold_email(text: str) -> bool:
    """A cheap test before the email patterns run: an @, or "at" written out or bracketed."""
    if "@" in text:
        return True
    lower = text.lower()
    return " at " in lower and (" dot " in lower or "(at)" in lower) or any(
        f"{o}at{c}" in lower for o, c in ("()", "[]", "{}", "<>"))


def _phone_spans(text: str) -> list[Span]:
    """UK phone numbers: libphonenumber's matches, and the longest run of digit groups that makes
    a UK number (which also catches the Ofcom drama ranges libphonenumber calls invalid)."""
    import phonenumbers

    spans = []
    for found in phonenumbers.PhoneNumberMatcher(text, "GB",
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        number = found.number
        raw = found.raw_string
        if (number.country_code == 44 and raw[:1] in "0+("
                and _UK_NSN.fullmatch(str(number.national_number))):
            spans.append(Span("phone", found.start, found.end, raw))
    for match in _PHONE_CANDIDATE.finditer(text):
        groups = list(re.finditer(r"\d+", match.group()))
        international = match.group().startswith("+")
        for n in range(len(groups), 0, -1):
            end = groups[n - 1].end()
            candidate = match.group()[:end]
            digits = "".join(g.group() for g in groups[:n])
            national = digits[2:] if international else digits
            if international and national.startswith("0"):
                national = national[1:]  # +44 (0)...
            elif not international:
                national = national[1:]  # the trunk 0
            if not international and candidate.startswith("(") != (")" in candidate):
                continue  # "(01632" without its closing bracket, or a stray one
            if _UK_NSN.fullmatch(national):
                spans.append(Span("phone", match.start(), match.start() + end, candidate))
                break
    return spans


def _rstrip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,.":
        end -= 1
    return start, end


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _longest_first(spans: list[Span]) -> list[Span]:
    """Resolve overlaps: the longest span wins, then the earlier one, then ALL_KINDS order."""
    chosen: list[Span] = []
    order = sorted(spans, key=lambda s: (-(s.end - s.start), s.start, ALL_KINDS.index(s.kind)))
    for span in order:
        if not _overlaps(span.start, span.end, ((c.start, c.end) for c in chosen)):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _apply(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each (non-overlapping, sorted) span replaced by its placeholder."""
    parts, position = [], 0
    for span in spans:
        parts += [text[position:span.start], span.placeholder]
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def _mask(text: str, spans: Sequence[Span]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text with spans replaced, and its unchanged pieces as (masked start, length, original
    start)."""
    pieces, parts, position, masked_at = [], [], 0, 0
    for span in [*spans, Span("email", len(text), len(text), "")]:
        piece = text[position:span.start]
        pieces.append((masked_at, len(piece), position))
        parts.append(piece)
        masked_at += len(piece)
        if span.end > span.start:
            parts.append(span.placeholder)
            masked_at += len(span.placeholder)
        position = span.end
    return "".join(parts), pieces


def _unmask(start: int, end: int, pieces: list[tuple[int, int, int]]) -> int | None:
    """Original offset of a masked ``start:end`` lying within one unchanged piece, else None."""
    for masked_at, length, original_at in pieces:
        if masked_at <= start and end <= masked_at + length:
            return original_at + start - masked_at
    return None


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of at most ``size`` characters, cut at a line break or space if any."""
    start = 0
    while len(text) - start > size:
        cut = max(text.rfind("\n", start, start + size), text.rfind(" ", start, start + size))
        cut = cut + 1 if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _split_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for line in text[start:end].split("\n"):
        yield position, position + len(line)
        position += len(line) + 1


def _subtract(start: int, end: int, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``start:end`` minus the kept spans."""
    parts = [(start, end)]
    for ks, ke in kept:
        parts = [p for s, e in parts for p in ((s, min(e, ks)), (max(s, ke), e)) if p[0] < p[1]]
    return parts


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text[start:end])]


def _key(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("'s").removesuffix("’s").rstrip("'’")


def _looks_like_person(text: str, start: int, end: int, org: bool) -> bool:
    """False for an entity that reads as an organisation, street or place rather than a person."""
    words = _words(text, start, end)
    keys = {_key(w) for w in words}
    if any(any(c.isdigit() or c == "@" for c in w) for w in words) or keys & _NOT_PERSON_WORDS:
        return False
    if org and (keys & (_ORG_ONLY_WORDS | _STREET_SURNAMES) or not 2 <= len(words) <= 3
                or not all(_NAME_WORD.fullmatch(w) for w in words)):
        return False
    before = text[max(0, start - 20):start]
    after = text[end:end + 2]
    following = _TOKEN.match(text, end + 1) if text[end:end + 1] == " " else None
    if following is not None and _key(following.group()) in _NOT_PERSON_WORDS:
        return False  # "St Anne's Church", "Tom Hale Trust": the name of an organisation
    if _ROLE_LINE_START.match(text[text.rfind("\n", 0, start) + 1:start]):
        return False  # "Chief Executive, Haven Ravensmoor"
    if words[-1].lower() in _STREET_SURNAMES and _BEFORE_STREET.search(before):
        return False  # "on Mill Lane"
    if words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST or "St" in words[1:]:
        return False  # "Little Bewley", "Ashby Vale", "Fenwick St Mary"
    return not (_BEFORE_PLACE.search(before) and not after.startswith(("'s", "’s")))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """True when the span is a line of its own, or one of names joined by "and" / "&" / ","."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return bool(_NAME_LINE.fullmatch(line.strip()))


def _enough_name(text: str, start: int, end: int) -> bool:
    """Two name words, or one after an honorific ("Mrs Clarke"); a lone word is too little."""
    words = [w for w in _words(text, start, end) if w.rstrip(".") not in _HONORIFICS]
    if len(words) >= 2:
        return True
    honorific = _HONORIFIC_BEFORE.search(text[max(0, start - 12):start])
    return bool(words) and (honorific is not None or len(_words(text, start, end)) > 1)


def _trim_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim non-name words from both ends; None when no capitalised word is left."""
    tokens = [(m.start() + start, m.end() + start, m.group())
              for m in _TOKEN.finditer(text[start:end])]

    def edge(token: str) -> bool:
        return (token.lower().rstrip(".") in _EDGE_WORDS or not token[0].isalpha()
                or token[0].islower())

    while tokens and edge(tokens[0][2]):
        tokens.pop(0)
    while tokens and edge(tokens[-1][2]):
        tokens.pop()
    if not tokens or not any(t[2][0].isupper() and any(c.islower() for c in t[2])
                             for t in tokens):
        return None
    return tokens[0][0], tokens[-1][1]
