"""The two commands on a fresh machine: what `make test` and `make loadtest` need from the system.

scripts/system-packages.sh is run with a PATH of its own, a folder of fakes the test fills, and
an empty folder standing in for /usr/lib/postgresql, so the tools it looks for seem missing;
SYSTEM_PACKAGES_UID makes it a user or root. Its apt-get is always a fake that records its
calls (and, as root, "installs" fakes of the tools), so nothing is ever installed on, or
removed from, the machine running the suite.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages.sh"
BASH = shutil.which("bash")
SUITE_PACKAGES = "postgresql postgresql-contrib chromium default-jdk-headless maven gettext"

# What Debian's packages put on the machine, as fakes: the script only runs `java -version`.
JAVA_17 = "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2"
TOOLS_OF_PACKAGE = {
    "chromium": ["chromium"],
    "default-jdk-headless": ["java", "javac"],
    "openjdk-17-jdk-headless": ["java", "javac"],
    "maven": ["mvn"],
    "gettext": ["msgfmt"],
    "wrk": ["wrk"],
}

FAKE_APT_GET = """#!{python}
import json, os, sys
from pathlib import Path

with open({log!r}, "a") as log:
    log.write(json.dumps([os.environ.get("DEBIAN_FRONTEND"), sys.argv[1:]]) + "\\n")
if {installs!r} and sys.argv[1] == "install":
    bin_dir, postgresql = Path({bin_dir!r}), Path({postgresql!r})
    tools = {tools!r}
    for package in sys.argv[2:]:
        if package == "postgresql":
            (postgresql / "17" / "bin").mkdir(parents=True)
            (postgresql / "17" / "bin" / "pg_ctl").touch(mode=0o755)
        for tool in tools.get(package, []):
            body = {java!r} if tool == "java" else "exit 0"
            (bin_dir / tool).write_text("#!/bin/sh\\n" + body + "\\n")
            (bin_dir / tool).chmod(0o755)
"""


class Machine:
    """A PATH and a /usr/lib/postgresql of the test's own, with apt-get a recording fake."""

    def __init__(self, folder: Path):
        self.bin = folder / "bin"
        self.postgresql = folder / "postgresql"
        self.apt_log = folder / "apt-get.log"
        self.bin.mkdir()
        self.postgresql.mkdir()

    def tool(self, name: str, body: str = "exit 0"):
        (self.bin / name).write_text(f"#!/bin/sh\n{body}\n")
        (self.bin / name).chmod(0o755)

    def with_apt_get(self, *, installs: bool = False):
        (self.bin / "apt-get").write_text(
            FAKE_APT_GET.format(
                python=sys.executable,
                log=str(self.apt_log),
                installs=installs,
                bin_dir=str(self.bin),
                postgresql=str(self.postgresql),
                tools=TOOLS_OF_PACKAGE,
                java=JAVA_17,
            )
        )
        (self.bin / "apt-get").chmod(0o755)

    def with_postgresql(self):
        (self.postgresql / "15" / "bin").mkdir(parents=True)
        (self.postgresql / "15" / "bin" / "pg_ctl").touch(mode=0o755)

    def apt_get_calls(self) -> list:
        if not self.apt_log.exists():
            return []
        return [json.loads(line) for line in self.apt_log.read_text().splitlines()]

    def run(self, target: str, *, uid: int, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            [BASH, str(SCRIPT), target],
            env={
                "PATH": str(self.bin),
                "SYSTEM_PACKAGES_UID": str(uid),
                "SYSTEM_PACKAGES_PG_LIB": str(self.postgresql),
                **env,
            },
            capture_output=True,
            text=True,
            timeout=60,
        )


@pytest.fixture
def machine(tmp_path):
    return Machine(tmp_path)


def sudo_command(packages: str) -> str:
    return f"  sudo apt-get update && sudo apt-get install -y --no-install-recommends {packages}\n"


@pytest.mark.parametrize(
    "present, packages",
    [
        ([], SUITE_PACKAGES),
        (["chromium", "mvn", "java 17", "javac"], "postgresql postgresql-contrib gettext"),
        (["postgresql", "chromium", "msgfmt", "java 17", "javac"], "maven"),
    ],
    ids=["nothing", "no postgresql nor gettext", "no maven"],
)
def test_a_user_missing_tools_gets_the_exact_command_and_nothing_is_installed(
    machine, present, packages
):
    machine.with_apt_get(installs=True)
    for tool in present:
        if tool == "postgresql":
            machine.with_postgresql()
        elif tool == "java 17":
            machine.tool("java", JAVA_17)
        else:
            machine.tool(tool)

    result = machine.run("test", uid=1000)

    assert result.returncode == 1
    assert result.stdout == ""
    assert sudo_command(packages) in result.stderr
    assert "then run make test again" in result.stderr
    assert machine.apt_get_calls() == []


def test_root_installs_what_is_missing_with_one_update_and_then_finds_it(machine):
    machine.with_apt_get(installs=True)
    machine.tool("msgfmt")

    result = machine.run("test", uid=0)

    assert result.returncode == 0, result.stderr
    assert machine.apt_get_calls() == [
        ["noninteractive", ["update", "-qq"]],
        [
            "noninteractive",
            [
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "postgresql",
                "postgresql-contrib",
                "chromium",
                "default-jdk-headless",
                "maven",
            ],
        ],
    ]
    # A second run finds everything and neither says nor installs anything.
    again = machine.run("test", uid=0)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len(machine.apt_get_calls()) == 2


def test_root_fails_when_apt_get_leaves_a_tool_missing(machine):
    machine.with_apt_get(installs=False)

    result = machine.run("test", uid=0)

    assert result.returncode == 1
    assert "still missing after apt-get install" in result.stderr
    assert "Maven (mvn)" in result.stderr


@pytest.mark.parametrize("version", ['"11.0.22" 2024-01-16', '"1.8.0_392"'])
def test_a_java_older_than_17_asks_for_openjdk_17_where_the_default_is_older(machine, version):
    machine.with_apt_get()
    machine.with_postgresql()
    for tool in ("chromium", "mvn", "msgfmt", "javac"):
        machine.tool(tool)
    machine.tool("java", f"echo 'openjdk version {version}' >&2")
    # Ubuntu 22.04: the default JDK is 11, openjdk-17 stands beside it.
    machine.tool(
        "apt-cache",
        "echo 'Package: default-jdk-headless'; "
        "echo 'Depends: default-jre-headless (= 2:1.11-72build2), openjdk-11-jdk-headless'",
    )

    result = machine.run("test", uid=1000)

    assert result.returncode == 1
    assert sudo_command("openjdk-17-jdk-headless") in result.stderr


def test_a_java_without_its_compiler_asks_for_the_default_jdk_where_it_is_17(machine):
    machine.with_apt_get()
    machine.with_postgresql()
    for tool in ("chromium", "mvn", "msgfmt"):
        machine.tool(tool)
    machine.tool("java", JAVA_17)
    machine.tool(
        "apt-cache",
        "echo 'Depends: default-jre-headless (= 2:1.17-74), openjdk-17-jdk-headless'",
    )

    result = machine.run("test", uid=1000)

    assert result.returncode == 1
    assert sudo_command("default-jdk-headless") in result.stderr


def test_a_java_home_without_a_jdk_is_named(machine, tmp_path):
    machine.with_apt_get()
    machine.with_postgresql()
    for tool in ("chromium", "mvn", "msgfmt", "javac"):
        machine.tool(tool)
    machine.tool("java", JAVA_17)

    result = machine.run("test", uid=0, JAVA_HOME=str(tmp_path / "jdk-8"))

    assert result.returncode == 1
    assert f"JAVA_HOME={tmp_path / 'jdk-8'} has no Java 17+ JDK" in result.stderr
    assert machine.apt_get_calls() == []


def test_without_apt_get_it_says_what_is_needed(machine):
    machine.tool("chromium")

    result = machine.run("test", uid=0)

    assert result.returncode == 1
    assert "apt-get" not in result.stderr
    for needed in ("PostgreSQL's server", "Java JDK 17 or newer", "Maven (mvn)", "msgfmt"):
        assert needed in result.stderr
    assert "Chromium" not in result.stderr


def test_the_load_test_needs_wrk_only(machine):
    machine.with_apt_get(installs=True)

    as_user = machine.run("loadtest", uid=1000)
    assert as_user.returncode == 1
    assert sudo_command("wrk") in as_user.stderr
    assert "then run make loadtest again" in as_user.stderr

    as_root = machine.run("loadtest", uid=0)
    assert as_root.returncode == 0, as_root.stderr
    assert machine.apt_get_calls()[-1] == [
        "noninteractive",
        ["install", "-y", "-qq", "--no-install-recommends", "wrk"],
    ]


def test_this_machine_has_what_the_suite_needs_and_hears_nothing_about_it():
    # The suite runs after `make test` has installed them: here the real tools are all found.
    result = subprocess.run([str(SCRIPT), "test"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def make_dry_run(target: str, cwd: Path = ROOT, **env) -> list[str]:
    """The commands `make -n TARGET` would run (a recursive make's included), in order."""
    clean = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    result = subprocess.run(
        ["make", "-n", target],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.splitlines()


def test_make_test_looks_at_the_system_packages_before_anything_else():
    commands = make_dry_run("test")
    assert commands[0] == "scripts/system-packages.sh test"
    assert any("ruff check" in line for line in commands[1:])
    assert commands[-1] == "scripts/run-tests.sh"


def test_make_loadtest_looks_for_wrk_before_installing_anything():
    commands = make_dry_run("loadtest")
    assert commands[0] == "scripts/system-packages.sh loadtest"
    assert any("scripts/loadtest.py" in line for line in commands[1:])


def test_make_run_without_python_3_13_or_3_12_says_what_to_install(tmp_path):
    # A fresh clone on a machine with only make and bash: the first thing make run does.
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("make", "bash"):
        (tools / tool).symlink_to(shutil.which(tool))

    result = subprocess.run(
        ["make", "run"],
        cwd=tmp_path,
        env={"PATH": str(tools), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Python 3.13 or 3.12 is needed" in result.stderr
    assert "pyenv install 3.13" in result.stderr
    assert not (tmp_path / ".venv").exists()
