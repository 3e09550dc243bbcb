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


from ._patterns import ALL_KINDS, PLACEHOLDERS
from ._redactor import RedactionReport, Redactor, redact_frame
from ._spans import Span

__all__ = ["ALL_KINDS", "PLACEHOLDERS", "RedactionReport", "Redactor", "Span", "redact_frame"]
