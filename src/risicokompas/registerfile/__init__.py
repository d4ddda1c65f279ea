# SPDX-License-Identifier: EUPL-1.2
"""Read and write the Excel/CSV risk-register template, with strict all-or-nothing validation in Dutch.

read_register(path_or_file)       → Register (or RegisterFileError listing every problem)
write_register(register, path)    → .xlsx or .csv in the template's columns
write_template(path)              → the empty .xlsx template with instructions
"""

from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.model import Register, RegisterRow
from risicokompas.registerfile.reader import read_register, read_register_bytes
from risicokompas.registerfile.template import write_template
from risicokompas.registerfile.writer import register_to_bytes, write_register

__all__ = [
    "Problem",
    "Register",
    "RegisterFileError",
    "RegisterRow",
    "read_register",
    "read_register_bytes",
    "register_to_bytes",
    "write_register",
    "write_template",
]
