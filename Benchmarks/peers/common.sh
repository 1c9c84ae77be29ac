# Shared by the peer benchmark scripts (sourced): messages, Debian packages, the PyPI venv.

say() { printf '==> %s\n' "$*" >&2; }

apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    say "installing Debian packages: $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# python_venv DIR "IMPORTS" PACKAGE…: a venv in DIR where `import IMPORTS` works, installing
# the PyPI packages (and python3-venv from Debian) when it doesn't.
python_venv() {
    local venv="$1" imports="$2"
    shift 2
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import $imports" 2>/dev/null; then
        if ! python3 -m venv "$venv" 2>/dev/null; then
            rm -rf "$venv"
            apt_install python3-venv
            python3 -m venv "$venv"
        fi
        say "installing $* from PyPI into $venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
    fi
}

# peer_tools DIR: what run.sh and model-path.sh need — swift on the PATH, python3, GNU time
# (/usr/bin/time -v: peak RSS), and SimPy and Ciw in the venv DIR.
peer_tools() {
    command -v swift >/dev/null || { echo "swift is not on the PATH (Swift 6.1+ is needed)" >&2; exit 2; }
    command -v python3 >/dev/null || apt_install python3 python3-venv
    [ -x /usr/bin/time ] || apt_install time
    python_venv "$1" "simpy, ciw" simpy ciw
}
