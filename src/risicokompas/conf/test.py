# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: the normal settings in the test environment."""

import os

os.environ["RISICOKOMPAS_ENV"] = "test"
os.environ.setdefault("RISICOKOMPAS_VAR", os.path.join(os.environ.get("TMPDIR", "/tmp"), "risicokompas-test"))

from risicokompas.conf.settings import *  # noqa: F403

# WhiteNoise looks for the collected files when it starts; an empty folder keeps it from warning in tests.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
