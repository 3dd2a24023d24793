"""Start an IPython kernel for the runner: ipykernel's own launcher, without its debugger.

The runner's kernels execute pages with papermill and are never debugged, yet ipykernel imports
debugpy (and its pydevd) at every start when it is installed, and the kernelspec runs Python with
``-Xfrozen_modules=off`` for that debugger: both cost each kernel's start. The runner starts its
kernels with ``python -m helpers.run.ipykernel_launch -f <connection file>``
(:func:`helpers.run.kernel.runner_spec`); ipykernel then finds no debugpy and starts without a
debugger, exactly as where debugpy is not installed. The ``renstra`` kernelspec that JupyterLab
uses is unchanged: planners keep the debugger. (The name keeps "ipykernel" in the kernels' command
line, where ``ps`` and the safety tests look for kernel processes.)
"""
import sys

if __name__ == "__main__":
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # "import debugpy" raises ImportError
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
