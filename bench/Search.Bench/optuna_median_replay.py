"""Replays the scripted histories of tests/Search.Tests/MedianSchedulerTests.cs through Optuna 3.1's own MedianPruner.

Usage: /usr/bin/python3 bench/Search.Bench/optuna_median_replay.py   (Debian's python3-optuna; exits 1 on a mismatch)
Each case is the C# test's history (completed, pruned, running and failed trials; epoch e reported as Optuna's step
e - 1, since Optuna counts steps from 0) and the decision our MedianScheduler gives in that test. Optuna must agree:
this is the evidence that our median rule is Optuna's, not a reading of its source.
"""
import math
import sys

import optuna
from optuna.trial import TrialState, create_trial

C, P, R, F = TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING, TrialState.FAIL
COMPLETED = [(C, (.3, .5, .45, .6)), (C, (.6, .4, .5, .7)), (C, (.8, .7, .6, .9)), (C, (.9, .85, .8, .95)), (C, (.1, .2, .3, .4))]
NOT_COMPLETED = [(P, (.2, .5, .7)), (R, (.5, .7, .9))]
BEHIND = [(P, (.1, .1, .1))] * 3 + [(R, (.1, .1, .1)), (F, (.1, .1, .1))]
SIX = [(C, (.3, .5, .45)), (C, (.6, .4, .5)), (C, (.8, .7, .6)), (C, (.9, .85, .8)), (C, (.95, .99)), (C, (.98, .97))]
STARTUP = COMPLETED[:4] + NOT_COMPLETED + [(P, (.9, .9, .9))]
LOSSES = [(C, (loss + .3, loss)) for loss in (.4, .5, .6, .7, .8)]
NAN = (math.nan,) * 3

# (test, others, the judged trial's values, its epochs or None for 1, 2, 3…, direction, MedianPruner arguments, our decision: prune?)
CASES = [
    ("Prunes_a_trial_whose_best_is_below_the_median…", COMPLETED + NOT_COMPLETED, (.4, .45, .42), None, "maximize", {}, True),
    ("Compares_with_the_completed_trials_values_at_the_epoch…", COMPLETED + NOT_COMPLETED, (.3, .55, .5), None, "maximize", {}, False),
    ("Pruned_running_and_failed_trials_values_never_count (alone)", COMPLETED, (.4, .48, .47), None, "maximize", {}, True),
    ("Pruned_running_and_failed_trials_values_never_count (with)", COMPLETED + NOT_COMPLETED + BEHIND, (.4, .48, .47), None, "maximize", {}, True),
    ("Only_completed_trials_that_reported_at_that_epoch… (0.54)", SIX, (.3, .54, .5), None, "maximize", {}, True),
    ("Only_completed_trials_that_reported_at_that_epoch… (0.55)", SIX, (.3, .55, .5), None, "maximize", {}, False),
    ("Waits_until_the_minimum_number_of_trials_have_completed (5)", STARTUP, (.1, .1, .1), None, "maximize", {"n_startup_trials": 5}, False),
    ("Waits_until_the_minimum_number_of_trials_have_completed (4)", STARTUP, (.1, .1, .1), None, "maximize", {"n_startup_trials": 4}, True),
    ("Never_prunes_within_the_warm_up_epochs (3)", COMPLETED, (.1, .1, .1), None, "maximize", {"n_warmup_steps": 3}, False),
    ("Never_prunes_within_the_warm_up_epochs (2)", COMPLETED, (.1, .1, .1), None, "maximize", {"n_warmup_steps": 2}, True),
    ("Checks_only_every_interval_epochs… (epoch 3)", COMPLETED, (.1, .1, .1), None, "maximize", {"interval_steps": 2}, True),
    ("Checks_only_every_interval_epochs… (epoch 4)", COMPLETED, (.1, .1, .1, .1), None, "maximize", {"interval_steps": 2}, False),
    ("Checks_only_every_interval_epochs… (epochs 1, 2, 4)", COMPLETED, (.1, .1, .1), (1, 2, 4), "maximize", {"interval_steps": 2}, True),
    ("Keeps_a_trial_judging_by_its_best_not_its_last_value", COMPLETED, (.3, .6, .1), None, "maximize", {}, False),
    ("With_a_loss_to_minimise… (worse)", LOSSES, (.9, .65), None, "minimize", {}, True),
    ("With_a_loss_to_minimise… (better)", LOSSES, (.55, .9), None, "minimize", {}, False),
    ("A_trial_with_no_finite_objective_is_pruned_as_Optuna_does", COMPLETED, NAN, None, "maximize", {}, True),
]


def optuna_prunes(others, values, epochs, direction, arguments):
    study = optuna.create_study(direction=direction, pruner=optuna.pruners.MedianPruner(**arguments))
    for state, curve in others:
        study.add_trial(create_trial(
            state=state, value=curve[-1] if state == C else None,
            intermediate_values=dict(enumerate(curve)), params={}, distributions={}))
    trial = study.ask()
    for epoch, value in zip(epochs or range(1, len(values) + 1), values):
        trial.report(value, epoch - 1)
    return trial.should_prune()


def main():
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    mismatches = 0
    for name, others, values, epochs, direction, arguments, ours in CASES:
        theirs = optuna_prunes(others, values, epochs, direction, arguments)
        mismatches += theirs != ours
        print(f"{'ok  ' if theirs == ours else 'DIFF'} optuna {optuna.__version__} prune={theirs} ours prune={ours}  {name}")
    print(f"{len(CASES) - mismatches} of {len(CASES)} cases agree")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
