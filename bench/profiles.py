"""How much to repeat: `full` for published figures, `smoke` to check the harness quickly."""

from __future__ import annotations

from dataclasses import dataclass

from bench import contract_suite, generation, mock_load, timing, wrk_compare


@dataclass(frozen=True)
class Profile:
    name: str
    client: timing.Settings
    client_pieces: timing.Settings
    contract: contract_suite.Settings
    fixture: timing.Settings
    mock: mock_load.Settings
    mock_wrk: wrk_compare.Settings
    generate: generation.Settings


PROFILES = {
    "full": Profile(
        name="full",
        # Short batches, many of them: a burst of load from elsewhere spoils few pairs.
        client=timing.Settings(repetitions=41, calls_per_batch=100),
        client_pieces=timing.Settings(repetitions=21, calls_per_batch=500),
        # Sequential runs at 200 ms take ~40 s each: two of each slow run, not three.
        contract=contract_suite.Settings(repetitions=3, latency_repetitions=2),
        fixture=timing.Settings(repetitions=41, calls_per_batch=100),
        mock=mock_load.Settings(repetitions=5, requests=1000, concurrency=16),
        mock_wrk=wrk_compare.Settings(repetitions=3, duration_seconds=10),
        generate=generation.Settings(repetitions=5),
    ),
    "smoke": Profile(
        name="smoke",
        client=timing.Settings(repetitions=3, calls_per_batch=10, warmup_batches=1),
        client_pieces=timing.Settings(repetitions=3, calls_per_batch=10, warmup_batches=1),
        # One family of the suite, on the slow target only: it drives the most harness code
        # (server, latency, live variables) and each run still pays pytest's start-up.
        contract=contract_suite.Settings(
            repetitions=0,
            latency_repetitions=1,
            latencies_ms=(60,),
            pytest_args=("-m", "security"),
        ),
        fixture=timing.Settings(repetitions=3, calls_per_batch=10, warmup_batches=1),
        mock=mock_load.Settings(repetitions=3, requests=30, concurrency=4),
        # The mock alone, briefly (when wrk is installed): no npm install inside the test suite.
        mock_wrk=wrk_compare.Settings(repetitions=1, duration_seconds=1, with_prism=False),
        generate=generation.Settings(repetitions=1),
    ),
}
