# Every target sets itself up: a fresh machine needs only python3 (3.11+) and make.
# The virtualenv is built once from constraints.txt (exact versions) and reused after that.

PYTHON ?= python3
# `make test PYTHON=python3.13 VENV=.venv-3.13`: a second interpreter gets its own virtualenv.
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SPEC   := openapi/hamsa-voice-agents.yaml
# Where `make generate` writes its parts (GENERATED_PARTS, the rest of the package is hand-written);
# the drift test points it at a scratch folder.
GENERATED ?= src/hamsa_client
GENERATED_PARTS := api models types.py
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: help install generate lint typecheck test catalogue contract-test adopt-drift mock bench mutation lock clean

help:
	@echo "make test           lint, type checks, spec validation, drift guard and every test but those"
	@echo "                    marked slow; of the catalogue, one server per class and every real stack"
	@echo "make catalogue      the contract suite against every server of the catalogue (~180), and the"
	@echo "                    tests marked slow that make test leaves out (CI runs it once)"
	@echo "make contract-test  contract verdict on the mock, or on the live API named by HAMSA_* variables"
	@echo "                    (./contract-test: the same, with its own exit status, for scripts and CI)"
	@echo "make generate       regenerate src/hamsa_client/{api,models,types.py} from openapi/"
	@echo "make adopt-drift    add the fields the last contract run saw (reports/drift.json, or REPORT=<file>) to the spec"
	@echo "make lint           ruff check and ruff format --check"
	@echo "make typecheck      mypy --strict on our code and the generated package"
	@echo "make mock           serve the mock on 127.0.0.1:\$${HAMSA_MOCK_PORT:-4010}"
	@echo "make bench          benchmarks, printed and written to bench/results/latest.json"
	@echo "make mutation       mutmut on the modules in tools/mutation/plan.toml -> tools/mutation/results.json"
	@echo "make lock           re-resolve dependencies into constraints.txt"
	@echo "make clean          remove the virtualenv, caches and reports"

install: $(STAMP)

# tools/set_up.py: the same set-up ./contract-test does by itself.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m tools.set_up $(VENV)

# The generator writes a whole package into a scratch folder; its api/, models/ and types.py are
# copied into $(GENERATED) beside the hand-written modules (client.py, errors.py, _*.py), which it
# never touches. Its post hooks run ruff --isolated: the same output wherever the scratch folder is.
generate: $(STAMP)
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	$(BIN)/openapi-python-client generate --path $(SPEC) --config openapi/config.yaml \
		--meta none --output-path "$$scratch/hamsa_client" --overwrite --fail-on-warning \
		--custom-template-path openapi/templates && \
	mkdir -p $(GENERATED) && rm -rf $(addprefix $(GENERATED)/,$(GENERATED_PARTS)) && \
	cp -R $(addprefix "$$scratch/hamsa_client"/,$(GENERATED_PARTS)) $(GENERATED)/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests talk to loopback only: the contract suite inside `make test` always judges the embedded
# mock by openapi/, even in a shell where HAMSA_* names the live API or another spec. Bytecode is
# cached even where PYTHONDONTWRITEBYTECODE is set: the tests start ~200 Python processes, and
# each would compile the project's modules again (about 40 % of a contract run's start).
TEST_ENV := env -u HAMSA_BASE_URL -u HAMSA_API_KEY -u HAMSA_VOICE_AGENT_ID -u HAMSA_SPEC \
	-u PYTHONDONTWRITEBYTECODE
# pytest-xdist workers for tests/ (`make test TEST_JOBS=1`: one process, no xdist). A worker per
# core; each test module is one unit (tests/conftest.py), the catalogue's live runs first.
TEST_JOBS ?= auto
XDIST = $(if $(filter 1,$(TEST_JOBS)),-p no:xdist,-n $(TEST_JOBS) --dist loadscope)

# tests/ on every core, then the contract suite's own run on the embedded mock (its conftest
# drives the session, so it runs in a pytest of its own). The catalogue: one server per class of
# fault and every real stack. Tests marked slow (more whole contract runs like one that stays)
# are left to `make catalogue`.
test: lint typecheck
	$(TEST_ENV) $(BIN)/python -m pytest $(XDIST) -m "not slow" tests
	$(TEST_ENV) $(BIN)/python -m pytest src/hamsa_contract/families

# The whole catalogue (tests/catalogue/entries.py): the default live run against each of
# ~180 servers, broken and conformant, its runs a few at a time in threads of one worker; and, on
# the other worker, the tests marked slow that `make test` leaves out. CI runs it once.
catalogue: $(STAMP)
	$(TEST_ENV) CATALOGUE=all $(BIN)/python -m pytest $(XDIST) -m "catalogue or slow" tests

# ./contract-test: hamsa-contract-test (src/hamsa_contract/_cli.py) from the checkout's
# venv, with its exit statuses 0-5. make ends any failed recipe with its own status 2, so the
# recipe names the real one; scripts and CI run ./contract-test (README, "Exit statuses").
contract-test:
	@VENV=$(VENV) $(PYTHON) ./contract-test; status=$$?; \
	if [ $$status -ne 0 ]; then \
		echo "make: ./contract-test exited with status $$status (see the README's exit statuses); make exits 2 for any of them"; \
	fi; exit $$status

# Reads $${HAMSA_REPORTS_DIR:-reports}/drift.json, or REPORT=<file> (a drift.json or the client's
# findings file, docs/watching.md), edits $(SPEC), then runs `make generate`.
adopt-drift: $(STAMP)
	$(BIN)/python -m tools.adopt_drift --spec $(SPEC) --generated $(GENERATED) \
		$(if $(REPORT),--report $(REPORT))

mock: $(STAMP)
	$(BIN)/hamsa-mock

# A few minutes on 2 cores; run it on a quiet machine (figures state the load they saw).
bench: $(STAMP)
	$(BIN)/python -m bench

# mutmut is needed only here, so `make install` stays lean; it resolves from constraints.txt too.
MUTATION_STAMP := $(VENV)/.mutation-stamp

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,mutation]'
	@touch $@

# Under 30 minutes on 2 cores; fails when a survivor is unexplained or a module scores below 90 %.
mutation: $(MUTATION_STAMP)
	env -u HAMSA_BASE_URL -u HAMSA_API_KEY -u HAMSA_VOICE_AGENT_ID $(BIN)/python -m tools.mutation $(foreach module,$(MODULES),--module $(module))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis reports .mutation

# Resolve the newest versions the pins in pyproject.toml allow, in a scratch virtualenv.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[dev,mutation]'
	{ echo "# Exact versions for .venv; written by make lock, read by every other target."; \
	  .lock-venv/bin/python -m pip freeze --exclude hamsa-client; } > constraints.txt
	rm -rf .lock-venv
