"""Starts the missing-values plugin.

`make build` packs this folder and the Python SDK (sdk/python/openml_dash)
into one executable zip, bin/openml-dash-plugin-missing, that starts with
`#!/usr/bin/env python3`; the Windows package holds the same zip as
openml-dash-plugin-missing.pyz, which openml-dash runs with `py -3`.
`python3 plugins/missing` runs it from the source.
"""

import os
import sys

REEXEC = "OPENML_DASH_PLUGIN_REEXEC"
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing_packages():
    try:
        import cryptography  # noqa: F401
        import google.protobuf  # noqa: F401
        import grpc  # noqa: F401
    except ImportError as e:
        return e
    return None


def _install_hint():
    if sys.platform == "win32":
        return ("install them with\n  py -m pip install grpcio protobuf cryptography\n"
                "or set OPENML_DASH_PYTHON to a Python that has them.")
    return ("on Debian or Ubuntu:\n"
            "  sudo apt-get install python3-grpcio python3-protobuf python3-cryptography\n"
            "elsewhere: python3 -m pip install grpcio protobuf cryptography")


def _main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdk = os.path.join(here, "..", "..", "sdk", "python")
    if os.path.isdir(os.path.join(sdk, "openml_dash")):  # run from the source tree
        sys.path.insert(1, sdk)
    err = _missing_packages()
    if err is not None:
        # The python3 first on PATH (a virtualenv, pyenv) may lack the
        # packages the system's Python has: try that one, once.
        if (not os.environ.get(REEXEC) and os.access(SYSTEM_PYTHON, os.X_OK)
                and os.path.realpath(SYSTEM_PYTHON) != os.path.realpath(sys.executable)):
            os.environ[REEXEC] = "1"
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
        sys.stderr.write(
            f"openml-dash plugin \"missing\" cannot start: {err} (Python {sys.executable}).\n"
            f"It needs the Python packages grpcio, protobuf and cryptography; {_install_hint()}\n")
        sys.exit(1)
    from missing.plugin import main

    main()


_main()
