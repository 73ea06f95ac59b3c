"""The contract watch (ContractWatch): compares each answer a client parses with the spec.

Its rules are defined once, in _rules (which the contract suite's checks call too); the generated
code holds only data (client.ANSWER_SHAPES and each endpoint's OperationContract). Imports only
httpx, attrs, the standard library, _rules and the one mask (_masking).
"""

import json
import logging
import os
import threading
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from typing import Any

import httpx
from attrs import Factory, define, evolve, field

from ._masking import MASK, KeyMask
from ._rules import (
    API_KEY_IN_ANSWER,
    DECLARED_FIELD_ABSENT,
    DRIFT_KINDS,
    NOT_AS_SENT,
    NOT_FRESH,
    SAME_AS_SOURCE,
    SERVER_ERROR_WITHOUT_ENVELOPE,
    UNKNOWN_FIELD,
    absent,
    envelope_problem,
    expected_complete,
    is_server_error,
    json_type,
    key_places,
    not_as_sent,
    same_as_source,
    seconds_off,
)

WATCH_LOGGER = "hamsa_client.contract"
"""The logger the contract watch reports to (warnings for drift, errors for contract breaks)."""
FINDINGS_FORMAT = "hamsa-client-findings/1"
"""The `format` of every line of a findings file (read by `make adopt-drift` and
`hamsa-contract-test --from`)."""
_watch_logger = logging.getLogger(WATCH_LOGGER)
# Findings already reported by this process (its every ContractWatch): each is logged and written
# once.
_reported: set[tuple[str, int, str, str]] = set()
_reported_lock = threading.Lock()


@define(frozen=True)
class AnswerShape:
    """What the spec declares for one object schema (a model) of the answers.

    Attributes:
        required: The declared fields an answer must carry.
        optional: The declared fields an answer may leave out.
        children: Field -> the ANSWER_SHAPES entry of the object it holds (`"[]" + name`: an array
            of them).
        fields: Every declared field (required and optional).
    """

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    children: Mapping[str, str] = field(factory=dict)
    fields: frozenset[str] = field(
        init=False, default=Factory(lambda self: self.required | self.optional, takes_self=True)
    )


@define(eq=False)
class _Place:
    """Where the watch meets an object of a declared shape (or an array of them) in an answer,
    worked out once per path: each answer then costs set tests and dict lookups there, no path
    strings and no shape lookups.

    Attributes:
        path: Dotted JSON path ("" for the body itself; array items written `[]`).
        shapes: Every declared shape, by name (the generated client.ANSWER_SHAPES).
        shape: The declared shape; None for an array, whose items are `items`.
        items: An array's items.
        expects_optional: Whether declared optional fields absent here are reported (at or below
            `complete_under`).
        complete_under: The answer's `complete_under`, handed down to the places below.
    """

    path: str
    shapes: Mapping[str, AnswerShape]
    shape: AnswerShape | None
    items: "_Place | None"
    expects_optional: bool
    complete_under: str | None
    # What an object here holds when nothing is to report, read on every answer: only `fields`, and
    # at least `fewest_fields` of them (all of them where `expects_optional`; 0 elsewhere).
    fields: frozenset[str] = field(init=False)
    fewest_fields: int = field(init=False)
    # An object's place with no declared object below (its walk is its one test).
    leaf: bool = field(init=False)
    # Worked out the first time an answer reaches this place, not up front: a model may contain
    # itself, and then its paths have no end.
    _children: "tuple[tuple[str, _Place], ...] | None" = field(default=None, init=False)

    def __attrs_post_init__(self) -> None:
        self.fields = self.shape.fields if self.shape is not None else frozenset()
        self.fewest_fields = len(self.fields) if self.expects_optional else 0
        self.leaf = self.shape is not None and not self.shape.children

    def children(self) -> "tuple[tuple[str, _Place], ...]":
        """(field, place) of each declared field that holds an object of a declared shape."""
        if self._children is None:
            shape = self.shape.children if self.shape is not None else {}
            below = (
                (
                    name,
                    _place(
                        self.shapes,
                        child,
                        f"{self.path}.{name}" if self.path else name,
                        self.complete_under,
                    ),
                )
                for name, child in shape.items()
            )
            self._children = tuple((name, place) for name, place in below if place is not None)
        return self._children


def _place(
    shapes: Mapping[str, AnswerShape], shape_name: str, path: str, complete_under: str | None
) -> _Place | None:
    """The place of a `shapes` entry (`"[]" + name`: an array of them) at `path`; None where none is
    declared."""
    if shape_name.startswith("[]"):
        items = _place(shapes, shape_name[2:], f"{path}[]", complete_under)
        return None if items is None else _Place(path, shapes, None, items, False, complete_under)
    shape = shapes.get(shape_name)
    if shape is None:
        return None
    expects_optional = expected_complete(path, complete_under)
    return _Place(path, shapes, shape, None, expects_optional, complete_under)


# Where a rule's `query.<name>` and `body.<field>` are in a request's _get_kwargs.
_SENT_PARTS = {"query": "params", "body": "json"}


@define(frozen=True)
class _Comparison:
    """An `as-sent` or `not-the-source` rule, its paths split once: the answer's `path` against the
    request's `source`."""

    path: str
    source: str
    steps: tuple[str, ...]
    sent_part: str
    sent_steps: tuple[str, ...]

    @classmethod
    def of(cls, path: str, source: str) -> "_Comparison":
        part, _, name = source.partition(".")
        return cls(
            path,
            source,
            tuple(path.split(".")),
            _SENT_PARTS.get(part, part),
            tuple(name.split(".")),
        )


@define(frozen=True)
class AnswerContract:
    """One documented status of an operation: its shape and the spec's `x-hamsa-watch` rules for it.

    Attributes:
        shape: The ANSWER_SHAPES entry of the answer's body (`"[]" + name` for an array; "" for no
            object).
        complete_under: Dotted path below which every declared optional field is expected (None:
            nowhere).
        as_sent: Answer path -> `body.<field>` or `query.<name>` of the request it must equal
            exactly.
        not_the_source: Answer path -> `body.<field>` or `query.<name>` of the request it must
            differ from.
        fresh: Answer path of a date-time -> seconds it may be from the client's clock when the
            answer arrived.
    """

    shape: str
    complete_under: str | None = None
    as_sent: Mapping[str, str] = field(factory=dict)
    not_the_source: Mapping[str, str] = field(factory=dict)
    fresh: Mapping[str, float] = field(factory=dict)
    # The same, worked out once for every answer to come: where the body's shape starts, the rules'
    # paths split.
    _as_sent: tuple[_Comparison, ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: tuple(_Comparison.of(*rule) for rule in self.as_sent.items()),
            takes_self=True,
        ),
    )
    _not_the_source: tuple[_Comparison, ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: tuple(_Comparison.of(*rule) for rule in self.not_the_source.items()),
            takes_self=True,
        ),
    )
    _fresh: tuple[tuple[str, tuple[str, ...], float], ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: tuple(
                (path, tuple(path.split(".")), seconds) for path, seconds in self.fresh.items()
            ),
            takes_self=True,
        ),
    )
    _has_rules: bool = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: bool(self._as_sent or self._not_the_source or self._fresh),
            takes_self=True,
        ),
    )


# What the watch compares an answer of one documented status with: where it was seen (a finding's
# operation, method, path and status), where its body's shape starts, its rules.
_Checks = tuple[tuple[str, str, str, int], "_Place | None", AnswerContract]


@define(frozen=True)
class OperationContract:
    """What the contract watch compares an operation's answers with (generated into each endpoint
    module)."""

    operation: str
    method: str
    path: str
    answers: Mapping[int, AnswerContract]
    shapes: Mapping[str, AnswerShape]
    # The checks of each documented status, worked out once for every answer to come.
    _checks: Mapping[int, _Checks] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: {
                status: (
                    _where(self, status),
                    _place(self.shapes, answer.shape, "", answer.complete_under),
                    answer,
                )
                for status, answer in self.answers.items()
            },
            takes_self=True,
        ),
    )


@define(frozen=True)
class Finding:
    """One difference between an answer and the spec. Never holds the key: a value or place that
    carried it is masked.

    Attributes:
        kind: `unknown_field`, `declared_field_absent` (drift, a warning), or a contract break (an
            error): `not_as_sent`, `same_as_source`, `not_fresh`, `api_key_in_answer`,
            `server_error_without_envelope`.
        operation, method, path, status: Where it was seen.
        field: Dotted JSON path of the field (array items written `[]`), or where the key was
            (`body`, `header <name>`).
        json_type: Inferred JSON type of an unknown field's value.
        detail: What was wrong, in words (never a value of the answer).
        value: An unknown field's value (for `make adopt-drift`); masked when it carried the key.
        carries_api_key: Whether the value (or the field's name) carried the key.
    """

    kind: str
    operation: str
    method: str
    path: str
    status: int
    field: str
    json_type: str | None = None
    detail: str | None = None
    value: Any = None
    carries_api_key: bool = False

    @property
    def is_break(self) -> bool:
        return self.kind not in DRIFT_KINDS

    def message(self) -> str:
        where = f"{self.method} {self.path} -> {self.status}"
        if self.kind == UNKNOWN_FIELD:
            return f"{where}: unknown field {self.field} ({self.json_type}), not in the spec"
        if self.kind == DECLARED_FIELD_ABSENT:
            return f"{where}: declared optional field {self.field} absent"
        return f"{where}: contract broken ({self.kind}): {self.field}: {self.detail}"

    def to_json(self, observed_at: datetime, server: str) -> dict[str, Any]:
        """The finding as one line of a findings file."""
        line: dict[str, Any] = {
            "format": FINDINGS_FORMAT,
            "observed_at": observed_at.isoformat().replace("+00:00", "Z"),
            "server": server,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "kind": self.kind,
            "field": self.field,
        }
        if self.kind == UNKNOWN_FIELD:
            line.update(type=self.json_type, value=self.value, carries_api_key=self.carries_api_key)
        if self.detail is not None:
            line["detail"] = self.detail
        return line


def _is_new(where: tuple[str, str, str, int], kind: str, field: str) -> bool:
    """Whether this process has yet to report the finding. Read without the lock: it only spares
    building findings that every answer shows (`_report` decides, under the lock, what is
    reported)."""
    return (where[0], where[3], kind, field) not in _reported


@define
class ContractWatch:
    """Opt-in: compares each answer the client parses with the spec it was generated from.

    Pass one as `watch=` to Client or AuthenticatedClient. Each distinct finding (kind, status,
    field) is reported once per process: to the `hamsa_client.contract` logger (WARNING for drift,
    ERROR for a contract break) and, with `findings_file`, as one JSON line appended to that file.
    Neither ever holds the key. An answer that breaks its types still raises errors.InvalidResponse,
    as without a watch; nothing else the watch meets changes a call's result (what it cannot compare
    or write is logged instead).

    Attributes:
        findings_file: Where to append findings as JSON lines (`make adopt-drift --report <file>`
            reads it).
        clock: The time an answer arrived (injectable, e.g. by tests); aware, UTC.
    """

    findings_file: str | os.PathLike[str] | None = None
    # A partial, not a lambda: read on every answer with a `fresh` rule, without a Python frame.
    clock: Callable[[], datetime] = field(default=partial(datetime.now, UTC), repr=False)
    _masks: dict[tuple[str, ...], KeyMask] = field(factory=dict, init=False, repr=False)
    _file_lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False)

    def observe(
        self,
        contract: OperationContract,
        status: int,
        response: httpx.Response,
        document: Any,
        sent: Mapping[str, Any],
        secrets: list[str],
    ) -> None:
        """Compare one documented answer (`document`, its JSON) to the request `sent` (its
        _get_kwargs) with `contract`; report what is new (what every answer must be, the key
        among it, is observe_answer's). Never raises: the call returns what it would without the
        watch."""
        try:
            checks = contract._checks.get(status)
            if checks is None:
                return
            where, body, answer = checks
            found: list[Finding] = []
            if body is not None:
                _walk(document, body, where, found)
            if answer._has_rules:
                self._check_rules(answer, sent, document, where, found)
            if found:
                self._report(found, self._mask(secrets), response)
        except Exception as error:  # whatever it is, the call's result must not change
            _could_not_finish(contract, status, error)

    def observe_answer(
        self, contract: OperationContract, response: httpx.Response, secrets: list[str]
    ) -> None:
        """Judge what every answer must be, whatever its status, documented or not (a gateway's
        502 too): it never carries the API key, and a 5xx carries the error envelope. The endpoint
        calls it before it reads the answer, which it may then refuse (errors.UnexpectedStatus,
        errors.ResponseDecodeError). Never raises."""
        status = response.status_code
        try:
            mask = self._mask(secrets)
            found: list[Finding] = []
            # What the answer means, not only its bytes: KeyMask finds the key escaped, URL-encoded
            # or in base64 too. One quick look at the whole answer first; only one that may show the
            # key is searched part by part.
            if mask and mask.may_show(
                b"\n".join([response.content, *chain.from_iterable(response.headers.raw)])
            ):
                self._look_for_key(mask, response, _where(contract, status), found)
            if is_server_error(status):
                where = _where(contract, status)
                if _is_new(where, SERVER_ERROR_WITHOUT_ENVELOPE, "body"):
                    problem = envelope_problem(response.content)
                    if problem is not None:
                        found.append(
                            Finding(
                                SERVER_ERROR_WITHOUT_ENVELOPE, *where, field="body", detail=problem
                            )
                        )
            if found:
                self._report(found, mask, response)
        except Exception as error:  # as in observe
            _could_not_finish(contract, status, error)

    def _mask(self, secrets: list[str]) -> KeyMask:
        key = tuple(secrets)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = KeyMask(secrets)
        return mask

    def _look_for_key(
        self,
        mask: KeyMask,
        response: httpx.Response,
        where: tuple[str, str, str, int],
        found: list[Finding],
    ) -> None:
        for place in key_places(mask, response.headers.raw, response.content):
            found.append(
                Finding(
                    API_KEY_IN_ANSWER,
                    *where,
                    field=place,
                    detail="the answer carries the API key",
                )
            )

    def _check_rules(
        self,
        answer: AnswerContract,
        sent_kwargs: Mapping[str, Any],
        document: Any,
        where: tuple[str, str, str, int],
        found: list[Finding],
    ) -> None:
        # Each rule is judged only where the values leave it in doubt: a value equal to the one sent
        # is as sent, and one that differs is not the source.
        for rule in answer._as_sent:
            sent, got = (
                _at(sent_kwargs.get(rule.sent_part), rule.sent_steps),
                _at(document, rule.steps),
            )
            if got != sent and not_as_sent(sent, got):
                found.append(
                    Finding(
                        NOT_AS_SENT,
                        *where,
                        field=rule.path,
                        detail=_how_it_differs(sent, got, rule.source),
                    )
                )
        for rule in answer._not_the_source:
            sent, got = (
                _at(sent_kwargs.get(rule.sent_part), rule.sent_steps),
                _at(document, rule.steps),
            )
            if got == sent and same_as_source(sent, got):
                found.append(
                    Finding(
                        SAME_AS_SOURCE,
                        *where,
                        field=rule.path,
                        detail=f"equals the request's {rule.source}",
                    )
                )
        for path, steps, seconds in answer._fresh:
            off = seconds_off(_at(document, steps), self.clock(), seconds)
            if off is not None:
                side = "before" if off < 0 else "after"
                found.append(
                    Finding(
                        NOT_FRESH,
                        *where,
                        field=path,
                        detail=(
                            f"{abs(off):.0f} s {side} the answer arrived (tolerance {seconds:g} s)"
                        ),
                    )
                )

    def _report(self, found: list[Finding], mask: KeyMask, response: httpx.Response) -> None:
        fresh: list[Finding] = []
        with _reported_lock:
            for finding in found:
                key = (finding.operation, finding.status, finding.kind, finding.field)
                if key not in _reported:
                    _reported.add(key)
                    fresh.append(finding)
        if not fresh:
            return
        fresh = [_masked(finding, mask) for finding in fresh]
        for finding in fresh:
            _watch_logger.log(
                logging.ERROR if finding.is_break else logging.WARNING, "%s", finding.message()
            )
        if self.findings_file is not None:
            observed_at = self.clock()
            url = response.request.url
            # Scheme, host and port only: never user info, a path or a query that may carry a
            # credential.
            server = f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")
            lines = "".join(
                _findings_line(finding.to_json(observed_at, server)) for finding in fresh
            )
            try:
                with self._file_lock, open(self.findings_file, "a", encoding="utf-8") as out:
                    out.write(lines)
            except OSError as error:
                # Watching must never fail the call it watches: the findings are logged above.
                _watch_logger.error("cannot append findings to %s: %s", self.findings_file, error)


def _could_not_finish(contract: OperationContract, status: int, error: Exception) -> None:
    _watch_logger.error(
        "%s %s -> %d: the watch could not finish comparing this answer (%s)",
        contract.method,
        contract.path,
        status,
        type(error).__name__,
    )


def _findings_line(line: dict[str, Any]) -> str:
    """One line of a findings file: UTF-8 as it reads, or all escaped when a value holds what UTF-8
    cannot (a lone surrogate), so that every line stays valid JSON in a valid UTF-8 file."""
    text = json.dumps(line, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(line)
    return text + "\n"


def _masked(finding: Finding, mask: KeyMask) -> Finding:
    """`finding` with its field name and value masked if either carries the key."""
    if not mask or (finding.kind == API_KEY_IN_ANSWER and not mask.hides(finding.field)):
        return finding
    value_carries = finding.value is not None and mask.hides(
        json.dumps(finding.value, ensure_ascii=False)
    )
    field_carries = mask.hides(finding.field)
    if not (value_carries or field_carries):
        return finding
    field_text = finding.field
    if field_carries:
        field_text = ".".join(MASK if mask.hides(part) else part for part in field_text.split("."))
    return evolve(
        finding,
        field=field_text,
        value=MASK if value_carries else finding.value,
        carries_api_key=True,
    )


def _walk(
    value: Any, place: _Place, where: tuple[str, str, str, int], found: list[Finding]
) -> None:
    # Runs on every answer: one set test and one length test per object when nothing differs (no
    # allocation), details only when something does.
    if place.items is not None:
        if isinstance(value, list):
            for item in value:
                _walk(item, place.items, where, found)
        return
    if not isinstance(value, dict):
        return
    # Only declared fields (no unknown one), and all of them where optional ones are expected (as
    # many as declared): nothing to report at this object.
    if not (place.fields.issuperset(value) and len(value) >= place.fewest_fields):
        _drift(value, place, where, found)
    children = place._children  # read as an attribute once worked out: no call per object
    for name, child in place.children() if children is None else children:
        item = value.get(name)
        if item is None:
            continue
        if child.leaf:
            # An object with no declared object below: its test here, without a call.
            if isinstance(item, dict) and not (
                child.fields.issuperset(item) and len(item) >= child.fewest_fields
            ):
                _drift(item, child, where, found)
        else:
            _walk(item, child, where, found)


def _drift(
    value: dict[str, Any], place: _Place, where: tuple[str, str, str, int], found: list[Finding]
) -> None:
    """The unknown fields and the absent expected optional fields of an object at `place`; only
    those this process has yet to report (an answer with drift shows the same in every call)."""
    fields = place.fields
    only_declared = fields.issuperset(value)
    if not only_declared:
        for name in sorted(value.keys() - fields):
            field_path = f"{place.path}.{name}" if place.path else name
            if _is_new(where, UNKNOWN_FIELD, field_path):
                found.append(
                    Finding(
                        UNKNOWN_FIELD,
                        *where,
                        field=field_path,
                        json_type=json_type(value[name]),
                        value=value[name],
                    )
                )
    optional = place.shape.optional if place.shape is not None else frozenset()
    if place.expects_optional and not value.keys() >= optional:
        for name in sorted(absent(value, optional)):
            field_path = f"{place.path}.{name}" if place.path else name
            if _is_new(where, DECLARED_FIELD_ABSENT, field_path):
                found.append(Finding(DECLARED_FIELD_ABSENT, *where, field=field_path))


def _at(document: Any, steps: tuple[str, ...]) -> Any:
    """The value at a path (its dotted parts) of a JSON document; None where there is none."""
    try:
        for step in steps:
            document = document[step]
    except (KeyError, TypeError):  # a field absent, or a step into a value no object
        return None
    return document


def _where(contract: OperationContract, status: int) -> tuple[str, str, str, int]:
    """Where an answer was seen: a finding's operation, method, path and status."""
    return (contract.operation, contract.method, contract.path, status)


def _how_it_differs(sent: str, got: Any, source: str) -> str:
    """How an answer's value differs from the one sent, in words: never the values themselves."""
    if not isinstance(got, str):
        return f"is {json_type(got)}, not the {source} sent"
    if got == sent.strip():
        return f"the {source} sent, with its surrounding whitespace trimmed"
    if unicodedata.normalize("NFC", got) == unicodedata.normalize("NFC", sent):
        return f"the {source} sent, in another Unicode normal form"
    if got.casefold() == sent.casefold():
        return f"the {source} sent, in another case"
    return f"differs from the {source} sent ({len(sent)} characters sent, {len(got)} received)"
