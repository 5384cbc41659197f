"""deploy/: the command lines the Kubernetes Job and the CI matrix run are ones `robot` accepts, the
shard comes from JOB_COMPLETION_INDEX / the matrix, the password from a Secret. (The shard split and
the merge themselves are tested for real in tests/campaign/test_shards.py.)"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from robot.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def robot_argv(command: str, **variables: str) -> list[str]:
    for name, value in variables.items():
        command = command.replace("${" + name + "}", value).replace("${{ " + name + " }}", value)
    words = shlex.split(command)
    return words[words.index(next(w for w in words if w.endswith("robot"))) + 1:]


def test_the_kubernetes_job_runs_shard_k_of_n_with_the_password_from_a_secret():
    text = (DEPLOY / "kubernetes" / "campaign-job.yaml").read_text()
    assert "completionMode: Indexed" in text and "secretKeyRef" in text
    completions = int(re.search(r"completions: (\d+)", text).group(1))
    command = re.search(r"- >-\n((?:\s{14}.*\n)+)", text).group(1)
    args = build_parser().parse_args(robot_argv(" ".join(command.split()), JOB_COMPLETION_INDEX="2"))
    assert args.shard == f"2/{completions}" and args.resume and args.yes and args.journal.endswith("shard-2.sqlite")
    assert "CHAMILO_PASSWORD" in text and not re.search(r"CHAMILO_PASSWORD\n\s+value:", text)
    merge = (DEPLOY / "kubernetes" / "campaign-merge.yaml").read_text()
    line = re.search(r"- exec (robot campaign merge .*)", merge).group(1).replace("shard-*", "shard-0")
    assert build_parser().parse_args(shlex.split(line)[1:]).plan == "merge"


def test_the_ci_matrix_runs_each_shard_then_merges():
    text = (DEPLOY / "github-actions" / "campaign.yml").read_text()
    shards = re.search(r"shard: \[([0-9, ]+)\]", text).group(1).split(",")
    run = re.search(r"run: >-\n((?:\s{10}.*\n)+)", text).group(1)
    for k in shards:
        argv = robot_argv(" ".join(run.split()).replace('"${{ inputs.plan }}"', "plan.csv"),
                          **{"matrix.shard": k.strip()})
        args = build_parser().parse_args(argv)
        assert args.shard == f"{k.strip()}/{len(shards)}" and args.resume
    assert "secrets.CHAMILO_PASSWORD" in text and "campaign merge" in text
