"""The Debian jupyter_kernel_test suite against the tsnwb kernel (kernelspec from JUPYTER_PATH).

Run from mocha (test/kernel/kernel-test-suite.test.ts) with /usr/bin/python3 -m unittest.
"""
import unittest

import jupyter_kernel_test


class TsnwbKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tsnwb"
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The suite gives each request 15 s. The first cell that imports "tsnwb" also builds the
        # TypeScript program (lib, @types/node, tsnwb's declarations): do it once here, without a
        # deadline, so the suite measures conformance rather than the machine's load.
        reply = cls.kc.execute_interactive('import * as nwb from "tsnwb"; nwb.version', timeout=300, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'
    code_generate_error = 'throw new Error("deliberate")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'tsn' + 'wb'", "result": "'tsnwb'"},
        {"code": "[1, 2].map((x) => x * 10)", "result": "[ 10, 20 ]"},
    ]
    code_display_data = [
        {"code": 'import { display } from "tsnwb"; display({ a: 1 })', "mime": "text/plain"},
        {
            "code": 'import { display, mimeBundle } from "tsnwb"; '
            'display({ [mimeBundle]: () => ({ "text/html": "<i>x</i>", "text/plain": "x" }) })',
            "mime": "text/html",
        },
    ]
    code_clear_output = 'import { clearOutput } from "tsnwb"; clearOutput()'

    completion_samples = [
        {"text": "Math.hyp", "matches": {"hypot"}},
        # TypeScript completes case-insensitively: the constants match too.
        {"text": "Math.sq", "matches": {"sqrt", "SQRT1_2", "SQRT2"}},
    ]
    complete_code_samples = ["1 + 1", "function f() { return 1; }", "const a = [1, 2];"]
    incomplete_code_samples = ["function f() {", "const a = [1,"]

    code_inspect_sample = "Math.max"

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")


if __name__ == "__main__":
    unittest.main()
