"""Contract suite for Hamsa's voice-agent clone API, and the embedded mock it runs against.

Installed with `pip install "hamsa-client[contract]"` (the mock and its pytest fixtures alone:
`[mock]`). What users touch, and nothing else is promised:
- `hamsa-contract-test` (console script): the contract verdict on the mock, or on the server
  named by HAMSA_BASE_URL, HAMSA_API_KEY and HAMSA_VOICE_AGENT_ID. Exit status 0 kept (every
  check ran), 1 BROKEN, 2 INCOMPLETE (`Verdict`), 3 a wrong setting the first answers show (one
  line names it), 4 a bad command line or setting (`SettingsError`): nothing sent, 5 the tool's
  own failure (no verdict).
- `hamsa-mock` (console script) and `hamsa_contract.mock`: the mock, to serve or to embed.
- `hamsa_contract.pytest_plugin` (a pytest11 entry point): the `hamsa_mock` and
  `hamsa_mock_server` fixtures, when the `[mock]` extra is installed.
- `RunSettings`: a run's settings, read from the environment as the suite reads them.

Every other module is private (`_name.py`): import from here, `hamsa_contract.mock` or the plugin.

Where things are (folders bottom layer first; a module imports only from its own folder, the
top-level modules below, and folders above it in this list; tests/hamsa_contract/
test_module_layers.py checks it). A newcomer reads `run/_suite.py` (one run, all its parts),
then `send/_door/` (every request) and `judge/_judge.py` (every answer). The tests mirror these
folders: the test of `x/_y.py` is tests/hamsa_contract/x/test_y.py (or a file named for the
behaviour, when it spans modules).

The foundation, and what users call:
- _agent_name_rules.py: What the contract says of a clone request's `agentName`, in one place:
  which bodies may create an agent (decision 4), how long a name is (decision 12), which requests
  leave the answer to the server.
- _cli.py: Console scripts of hamsa-client: `hamsa-mock` and `hamsa-contract-test`.
- _command_line.py: What the two console scripts share: argparse with one-line errors and exit
  status 4, and exit status 5 for the tool's own failure.
- _extras.py: Which optional extras of the hamsa-client distribution are installed, read from its
  metadata.
- _http_terms.py: HTTP values compared the way HTTP defines them, wherever the suite reads an
  answer or a request.
- _input_files.py: Files a user names (`hamsa-contract-test --from`, `make adopt-drift`), read
  defensively: a regular file only, at most `MAX_INPUT_BYTES`, UTF-8, and JSON or YAML nested at
  most `MAX_NESTING` deep.
- _redaction.py: Keeping the API key out of everything the suite prints or writes (with
  hamsa_client's one masking rule, `hamsa_client.errors.KeyMask`).
- _run_record.py: What a contract run writes down as it goes, so that nothing a user needs is lost
  if it ends badly: each agent as it is created, and the exit status it decided.
- _schema_walk.py: Walking a JSON value alongside its (inlined) JSON Schema: which subschema covers
  which part.
- _spec.py: The spec, as data: the clone operation and its schemas with every `$ref` inlined.
- pytest_plugin.py: pytest fixtures for code that clones Hamsa voice agents: a ready client on a
  fresh mock.

mock/
  The mock, public (its __init__ declares its API): what `hamsa-mock`, the fixtures and the default
  target serve.
- mock/__main__.py: `hamsa-mock` (`python -m hamsa_contract.mock`, `make mock`): serve the mock
  until interrupted.
- mock/_access_log.py: One access-log line per HTTP request, as uvicorn writes them, at a fraction
  of the cost.
- mock/_app.py: The mock's ASGI app: `POST /v1/voice-agents/clone` as CONTRACT.md describes it.
- mock/_asgi_transport.py: An httpx transport that serves both `httpx.Client` and
  `httpx.AsyncClient` from an ASGI app.
- mock/_auth.py: `Authorization: Token <api-key>` check.
- mock/_clients.py: Ready `AuthenticatedClient`s wired to a mock, in-process or over loopback HTTP.
- mock/_request_rules.py: The mock's view of the spec (read once, by `hamsa_contract._spec`): its
  request rules and documented answers.
- mock/_responses.py: JSON answers of the mock: the success envelope and the shared error envelope.
- mock/_scenarios.py: `Prefer` request header: ask the mock to answer a documented error status, or
  to be slow.
- mock/_server.py: Serving the mock over real HTTP with uvicorn, always on the loopback interface.
- mock/_store.py: In-memory agent store: templates plus a bounded, oldest-first-evicted set of
  clones.
- mock/_templates.py: Template agents the mock starts with, under fixed ids that users can write
  tests against.
- mock/_validation.py: Checks of a clone request against the spec: `voiceAgentId` and the JSON
  body.

drift/
  Drift: what a server answers that the spec does not say, told apart by how it affects clients,
  and written to reports/drift.json (`make adopt-drift`, tools/adopt_drift.py, puts it into the
  spec).
- drift/_detect.py: Drift between the spec and what a server answers, told apart by how it affects
  clients.
- drift/_findings_file.py: Reading the JSON-lines findings file of hamsa_client's contract watch
  (`ContractWatch( findings_file=...)`), for `hamsa-contract-test --from` and `make adopt-drift`.
- drift/_log.py: What a run saw of drift, kept for `reports/drift.json` (read by `make
  adopt-drift`).

plan/
  The write plan and cap: which checks need an agent created, decided before anything is sent, and
  which requests may create one.
- plan/_budget.py: The write cap: which requests may create an agent, and which agents the run did
  create.
- plan/_writes.py: The write plan: which checks need an agent created, decided before the run sends
  anything.

report/
  What a run tells: the ledger of what it saw, the verdict, the closing summary, and each failure
  in one screen.
- report/_failures.py: A failed check, told in one screen: the rule, what was wrong, the requests
  and the answers.
- report/_ledger.py: What the run saw, for the verdict and the closing summary: cases, failures by
  rule, checks that did not run and why, drift warnings, notes.
- report/_sources.py: Where a rule comes from (CONTRACT.md decision 13): the vendor's evidence, an
  RFC section, or a contract decision with its number; `source_of` is the one place a rule's
  source is classed.
- report/_rules.py: The contract's rules, each defined once (name, title, source, the function
  that judges an exchange), in one registry the live run, `--from`, the summary, the reports and
  the docs read.
- report/_summary.py: The closing summary of a run: verdict, target, checks, cases, failures by
  rule, checks that did not run (and what to do), drift, agents created.
- report/_verdict.py: The run's verdict: three outcomes, each with its own exit status.
- report/_verdict_file.py: What machines read of a run: `reports/verdict.json`, and the JUnit
  XML's own verdict case (an errored case for INCOMPLETE, a failed one naming a wrong setting).

send/
  Sending: the target and the run's settings, the door every request goes through (write cap,
  journal, 429s), schemathesis' adapter onto the door, and the hand-made clone requests.
- send/_clone_requests.py: Hand-made clone requests: the valid one, and each way of getting one
  wrong on purpose.
- send/_credentials.py: Credentials that are almost right: the run's key, slightly altered, the way
  real servers get key checks wrong (a prefix compare, case folding, substring search, ignored
  trailing characters).
- send/_door/__init__.py: The one door for every request the suite sends, whoever builds it
  (hand-made checks, hamsa_client, schemathesis through `send/_requests_bridge.py`): a stack of
  small transports, one concern each.
- send/_door/_admission.py: Which requests the door lets through: the write budget, the shapes it
  refuses, the requests left without an answer, and the gate that sends the first request of each
  shape alone.
- send/_door/_ahead.py: Answers the door has before a check asks: prefetched ones and replays.
- send/_door/_journaling.py: The journal's layer: every exchange goes to the journal; a request
  that gets no answer makes its check not run.
- send/_door/_layer.py: What every layer of the door is: an httpx transport with one concern,
  written once as a plan that runs in a thread or an event loop alike.
- send/_door/_pause.py: The 429 layer: a 429 is retried after its Retry-After, and holds back
  every request of the run for that long.
- send/_door/_settling.py: The judge's layer: what an answer created goes to the write budget, a
  shape that broke the rules is refused from then on, every answer goes to the judge.
- send/_door/_shapes.py: What a clone request is, as far as creating an agent goes, read from the
  request alone.
- send/_door/_steps.py: One code path for sync and async requests: plans that yield the steps only
  I/O tells apart, and a driver for each.
- send/_door/_wire.py: The bottom layer: a request onto the wire, and its answer read whole.
- send/_journal.py: A log of the suite's own HTTP exchanges, so a failing check can show what it
  sent and got.
- send/_names.py: Names of the agents the suite creates, and how a name that came back differs from
  the sent one.
- send/_prefetch.py: Hand-made checks that create nothing get their answers sent for side by side,
  before they run.
- send/_requests_bridge.py: schemathesis sends with `requests`; this adapter hands its requests to
  the suite's door.
- send/_retry_after.py: Honouring 429 Too Many Requests: how long `Retry-After` asks to wait, and
  the longest wait.
- send/_settings.py: Knobs of a contract run, read once from the environment; a bad value is a
  clear error.
- send/_target.py: Which server the suite judges: the live API named by HAMSA_* variables, or the
  embedded mock.

judge/
  Judging: whether an answer keeps the contract. `_judge` judges every answer the run receives,
  whatever made the request; `_checks` are the suite's own checks beside schemathesis' built-in
  ones (`_conformance`); `_answers` and `_request_check` state what a documented answer and an
  allowed request look like.
- judge/_answers.py: What a documented answer must look like, asserted with messages that say what
  is wrong.
- judge/_checks.py: The rules the suite judges answers by, next to schemathesis' built-in checks:
  each defined once here with `@rule` and registered in `RULES` (report/_rules.py).
- judge/_conformance.py: Schema conformance with schemathesis: its configuration for the target,
  and how a case runs.
- judge/_instants.py: Comparing JSON documents where `date-time` strings count as the instants they
  name.
- judge/_judge.py: Every answer the suite receives is judged against the spec, whatever made the
  request.
- judge/_leaks.py: Where, if anywhere, an answer gives the API key back, in any form
  hamsa_client's masking rule knows (as given, escaped, URL-encoded, inside base64).
- judge/_request_check.py: Whether a request, as sent on the wire, is one the spec allows for the
  clone operation.

run/
  One contract run: the Suite (target, settings, write budget, door, journal, ledger, judge), the
  planned clones every rule shares, and the property tests' settings.
- run/_documents.py: Hypothesis strategies for JSON documents valid against a schema of the spec.
- run/_families.py: The contract suite's test families (each a pytest marker), in the order they
  run, and what each sends: read by the conftest (markers, order) and by `hamsa-contract-test
  --plan`.
- run/_plan_preview.py: `hamsa-contract-test --plan`: what a run with these settings would send and
  create, sending nothing (no target is opened: the embedded mock is not even built).
- run/_planned_clones.py: The planned clones (see `plan/_writes.py`), made once per run and shared
  by every rule they serve.
- run/_preflight.py: Settings checked before the server is judged: the first answers of a run tell
  a mistake in the user's settings from a broken server.
- run/_probes.py: The names the planned clones carry: each probes many ways a server can mangle a
  name at once.
- run/_properties.py: Hypothesis settings for the suite's property tests: bounded, seeded, no
  example database.
- run/_recorded/__init__.py: `hamsa-contract-test --from FILE`: a contract verdict on recorded
  traffic, sending nothing.
- run/_recorded/_fields.py: What every recording format shares: one recorded request and its
  answer, what a file holds, the errors a reader raises, and the checks each entry's fields go
  through.
- run/_recorded/_findings.py: hamsa_client's findings file (its contract watch's JSON lines).
- run/_recorded/_har.py: HAR 1.2 files (a browser's, a proxy's, or the suite's own reports/*.har).
- run/_recorded/_reading.py: Which reader reads a recording: the one its file's suffix names, or
  the first that recognises the text; every reader has one interface.
- run/_recorded/_vcr.py: VCR cassettes (schemathesis' reports/*.yaml, vcrpy's).
- run/_selection.py: Which of the suite's checks a run left out, and why: "contract kept" needs
  every one of them.
- run/_suite.py: One contract run: its target, settings, write budget, door, journal, ledger and
  judge.

families/
  The test families pytest runs for `hamsa-contract-test`: one test_<family>.py per marker (`-m
  semantics` runs one), and conftest.py, which wires them to the run, shows each failure in one
  screen and ends with the verdict.
- families/conftest.py: pytest wiring of the contract suite.
- families/test_answers.py: Every answer the run received, judged against the spec whatever made
  the request.
- families/test_client.py: The generated client, `hamsa_client`, against the target and offline.
- families/test_conformance.py: Schema conformance: schemathesis' generated cases (examples,
  coverage, fuzzing; positive and negative) against the target, judged by every applicable built-in
  check and the suite's own.
- families/test_drift.py: Drift between the spec and the target's answers (see `drift/_detect.py`).
- families/test_requests.py: Requests schemathesis does not make by itself, each with its
  documented status and the error envelope (CONTRACT.md decision 5). None of them may create an
  agent on a conformant server: the door (`send/_door/`) fails the first one that does and sends
  no more like it.
- families/test_security.py: The API key never comes back: not in a header, not in a body, whatever
  the answer.
- families/test_semantics.py: Clone semantics (CONTRACT.md decision 7): what JSON Schema cannot say
  about a clone.
"""

from hamsa_contract.report._verdict import Verdict
from hamsa_contract.send._settings import RunSettings, SettingsError

__all__ = ["RunSettings", "SettingsError", "Verdict"]
