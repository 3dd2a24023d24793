"""The project's Jupyter kernel: registration and fast, private kernel start-up for the runner.

:func:`ensure_kernel` registers a kernelspec named ``renstra`` for the running interpreter
(``sys.executable``) inside ``sys.prefix`` (the project's venv), so papermill always executes
notebooks with the project's own Python and packages, whatever kernels the user has.

:class:`KernelPool` (used by the runner's worker processes) starts kernels over the IPC
transport (unix sockets in a private, short temporary directory) instead of TCP ports, and can
start the *next* kernel in the background while the current notebook runs, so the ~1 s kernel
start-up is hidden, or :meth:`KernelPool.keep` a kernel whose page succeeded for the next page of
the same build: its namespace is reset (:data:`RESET_CODE`), the modules it imported stay, so a
worker imports pandas, matplotlib, pandera and the helpers once, not once per page.

Heavy modules (jupyter_client, ipykernel) are imported lazily: importing this module is cheap.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional, Sequence

#: Name of the project's kernelspec.
KERNEL_NAME = "renstra"

#: A kept kernel serves at most this many pages, then a fresh one starts (bounded memory growth).
MAX_PAGES_PER_KERNEL = 25
#: Run (silently, outside the history) in a kept kernel before its next page: the state a page can
#: leave that a fresh kernel would not have. The user namespace and output history go (%reset), open
#: figures are closed, warnings shown once are shown again (registries invalidated), the execution
#: counter restarts at 1 as in a fresh kernel. Modules stay imported; helpers' caches are keyed by
#: file content or time stamp, and a kernel is kept only within one build (its key says which).
RESET_CODE = """\
get_ipython().run_line_magic("reset", "-f")
import sys as _sys, warnings as _warnings
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
_warnings._filters_mutated()
get_ipython().execution_count = 1
import gc as _gc
_gc.collect()
try:  # hand the page's freed memory back to the system (glibc keeps it otherwise)
    import ctypes as _ctypes
    _ctypes.CDLL("libc.so.6").malloc_trim(0)
    del _ctypes
except Exception:
    pass
del _sys, _warnings, _gc
"""
#: Longest unix socket path accepted (``sun_path`` is 108 bytes on Linux, 104 on macOS).
MAX_SOCKET_PATH = 100


def kernelspec_dir(name: str = KERNEL_NAME, prefix: Optional[str] = None) -> Path:
    """Where :func:`ensure_kernel` installs the kernelspec ``name``."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / name


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Install a kernelspec ``name`` for ``sys.executable`` under ``sys.prefix`` if missing.

    Reinstalls when the existing spec points at another interpreter. Returns ``name``.
    """
    spec_file = kernelspec_dir(name) / "kernel.json"
    try:
        argv = json.loads(spec_file.read_text(encoding="utf-8")).get("argv", [])
        if argv and argv[0] == sys.executable:
            return name
    except (OSError, ValueError):
        pass
    from ipykernel import kernelspec

    kernelspec.install(prefix=sys.prefix, kernel_name=name,
                       display_name=f"Python (renstra, {Path(sys.prefix).name})")
    return name


def short_temp_dir(prefix: str = "rk") -> str:
    """Create a private (0700) directory ``<tmp>/rk<pid>-XXXX`` short enough for unix sockets.

    Directories left by processes that were killed (SIGKILL leaves no chance to clean up) are
    removed first: those of this user whose ``<pid>`` no longer exists.
    """
    for base in (tempfile.gettempdir(), "/tmp"):
        if os.path.isdir(base) and len(base) < MAX_SOCKET_PATH - 40:
            _remove_stale_dirs(base, prefix)
            return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base)
    raise OSError("no temporary directory with a short enough path for IPC sockets")


def _remove_stale_dirs(base: str, prefix: str) -> None:
    """Remove ``base/<prefix><pid>-*`` directories of this user whose process is gone."""
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or "-" not in name:
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        try:
            if not pid.isdigit() or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        if not _pid_alive(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (a killed, not yet reaped process)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


_RUNNER_SPECS: dict[str, Any] = {}


def runner_spec(name: str = KERNEL_NAME) -> Optional[Any]:
    """The kernelspec ``name`` as the runner starts it: read from its file once per process (not
    looked up among every Jupyter path at each start), its Python started with
    :mod:`helpers.run.ipykernel_launch` (no debugger) instead of ``ipykernel_launcher``. None for
    another kernel, or a spec that does not start ``ipykernel_launcher``: it is then started as
    its spec says."""
    if name != KERNEL_NAME:
        return None
    if name not in _RUNNER_SPECS:
        from jupyter_client.kernelspec import KernelSpec

        folder = kernelspec_dir(name)
        spec = None
        try:
            spec = KernelSpec.from_resource_dir(str(folder))
        except (OSError, ValueError):
            pass
        argv = list(spec.argv) if spec is not None else []
        if len(argv) > 2 and "ipykernel_launcher" in argv and argv[argv.index("ipykernel_launcher") - 1] == "-m":
            spec.argv = [argv[0], "-m", "helpers.run.ipykernel_launch",
                         *argv[argv.index("ipykernel_launcher") + 1:]]
        else:
            spec = None
        _RUNNER_SPECS[name] = spec
    return _RUNNER_SPECS[name]


def _preload_lines(modules: Sequence[str]) -> list[str]:
    """IPython ``exec_lines`` importing ``modules`` into sys.modules without binding any name."""
    if not modules:
        return []
    code = (f"for _m in {tuple(modules)!r}:\n"
            "    try: __import__(_m)\n"
            "    except Exception: pass\n"
            "del _m")
    return [f"--IPKernelApp.exec_lines={json.dumps([code])}"]


class KernelPool:
    """Fresh kernels for one process, optionally started one ahead (a "warm spare").

    ``acquire(key)`` returns a started ``AsyncKernelManager`` (the spare if it was started with
    the same ``key``, else a new one) to pass to papermill as ``km=``; ``release(km)`` closes its
    clients and stops the kernel without waiting; ``close()`` stops everything. With
    ``transport="ipc"`` connection files and sockets live in a private short temp directory.
    """

    def __init__(self, transport: str = "ipc") -> None:
        self.transport = transport
        self._dir: Optional[str] = None
        self._count = 0
        self._spare: Optional[tuple[tuple, Any]] = None
        self._kept: Optional[tuple[tuple, Any, int]] = None  # (key, kernel, pages served)
        self._retiring: list[Any] = []

    def _workdir(self) -> str:
        if self._dir is None:
            self._dir = short_temp_dir()
        return self._dir

    def _start(self, key: tuple) -> Any:
        """Start a kernel for ``key`` = (kernel_name, cwd, env items, preload) without waiting for it."""
        from jupyter_core.utils import run_sync

        kernel_name, cwd, env_items, preload = key[:4]  # a 5th item, if any, only tells builds apart
        km = _manager_class()(kernel_name=kernel_name)
        spec = runner_spec(kernel_name)
        if spec is not None:
            km._kernel_spec = spec
        self._count += 1
        if self.transport == "ipc":
            km.transport = "ipc"
            km.connection_file = os.path.join(self._workdir(), f"k{os.getpid()}-{self._count}.json")
        else:
            km.ip = "127.0.0.1"
        env = dict(os.environ)
        env.update(dict(env_items))
        args = ["--HistoryManager.hist_file=:memory:", *_preload_lines(preload)]
        # The kernel's own stderr (crash messages) goes to a log file read by kernel_log().
        km.log_path = os.path.join(self._workdir(), f"k{os.getpid()}-{self._count}.log")
        with open(km.log_path, "wb") as log:
            run_sync(km.start_kernel)(extra_arguments=args, cwd=cwd, env=env,
                                      stdout=subprocess.DEVNULL, stderr=log)
        return km

    def prestart(self, key: tuple) -> None:
        """Start a spare kernel for ``key`` now (returns without waiting for it to be ready)."""
        if self._spare is None:
            self._spare = (key, self._start(key))

    def acquire(self, key: tuple, prestart_next: bool = False) -> Any:
        """A started kernel manager for ``key``; with ``prestart_next`` also start the next one."""
        self.reap()
        km = None
        if self._kept is not None:
            kept_key, kept, served = self._kept
            self._kept = None
            if kept_key == key and served < MAX_PAGES_PER_KERNEL and _alive(kept):
                kept.pages_served = served
                return kept
            self.release(kept, now=True)
        if self._spare is not None:
            spare_key, spare = self._spare
            self._spare = None
            if spare_key == key:
                km = spare
            else:
                self.release(spare, now=True)
        if km is None:
            km = self._start(key)
        if prestart_next:
            self.prestart(key)
        return km

    def keep(self, km: Any, key: tuple) -> bool:
        """Keep ``km`` (whose page succeeded) for the next page with the same ``key``: reset its
        namespace now. Returns False, and stops the kernel, if the reset fails."""
        from jupyter_core.utils import run_sync

        self._close_clients(km)
        served = getattr(km, "pages_served", 0) + 1
        try:
            kc = km.client()
            kc.start_channels()
            try:
                run_sync(kc.wait_for_ready)(timeout=30)
                reply = run_sync(kc.execute_interactive)(RESET_CODE, silent=True, store_history=False, timeout=30,
                                                         output_hook=lambda msg: None)
                ok = reply.get("content", {}).get("status") == "ok"
            finally:
                kc.stop_channels()
        except Exception:
            ok = False
        if not ok or served >= MAX_PAGES_PER_KERNEL:
            self.release(km, now=True)
            return False
        if self._kept is not None:
            self.release(self._kept[1], now=True)
        self._kept = (key, km, served)
        return True

    @staticmethod
    def _close_clients(km: Any) -> None:
        for kc in getattr(km, "clients", []):
            try:
                kc.stop_channels()
            except Exception:
                pass
        km.clients = []

    def release(self, km: Any, now: bool = False) -> None:
        """Close ``km``'s clients and ask its kernel to exit (killed if ``now``); does not wait.

        Exited kernels are cleaned up by :meth:`reap` (at the next :meth:`acquire`, or waiting in
        :meth:`close`), so the kernel shuts down while the caller goes on (e.g. exporting HTML).
        """
        from jupyter_core.utils import run_sync

        self._close_clients(km)
        try:
            km.shutting_down = True
            if now:
                run_sync(km._kill_kernel)()
            else:
                run_sync(km.request_shutdown)()
        except Exception:
            pass
        self._retiring.append(km)

    def reap(self, wait: bool = False) -> None:
        """Clean up released kernels that have exited; with ``wait``, wait for (or kill) the rest."""
        from jupyter_core.utils import run_sync

        still_running = []
        for km in self._retiring:
            try:
                if run_sync(km.is_alive)():
                    if not wait:
                        still_running.append(km)
                        continue
                    # A killed kernel is gone within milliseconds: poll often (the default 0.1 s
                    # sleep cost every page and every worker's exit a tenth of a second or more).
                    run_sync(km.finish_shutdown)(waittime=4.0, pollinterval=0.01)
            except Exception:
                pass
            try:
                run_sync(km.cleanup_resources)()
            except Exception:
                pass
            with contextlib.suppress(OSError, AttributeError):
                os.unlink(km.log_path)
        self._retiring = still_running

    def close(self) -> None:
        """Stop the spare and kept kernels, wait for released ones and remove the private directory."""
        if self._kept is not None:
            self.release(self._kept[1], now=True)
            self._kept = None
        if self._spare is not None:
            self.release(self._spare[1], now=True)
            self._spare = None
        self.reap(wait=True)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


def _alive(km: Any) -> bool:
    from jupyter_core.utils import run_sync

    try:
        return bool(run_sync(km.is_alive)())
    except Exception:
        return False


def kernel_log(km: Any, limit: int = 2000) -> str:
    """The last ``limit`` characters the kernel process wrote to its stderr ("" if none)."""
    try:
        with open(km.log_path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - limit))
            return handle.read().decode("utf-8", "replace").strip()
    except (OSError, AttributeError):
        return ""


_MANAGER_CLASS = None


def _manager_class() -> type:
    """``AsyncKernelManager`` subclass that remembers its clients so they can be closed.

    nbclient does not close the client of a kernel manager it was given (``km=``), so the pool
    does it in :meth:`KernelPool.release`.
    """
    global _MANAGER_CLASS
    if _MANAGER_CLASS is None:
        from jupyter_client import AsyncKernelManager

        class TrackingKernelManager(AsyncKernelManager):
            def client(self, **kwargs: Any) -> Any:
                kc = super().client(**kwargs)
                if not hasattr(self, "clients"):
                    self.clients = []
                self.clients.append(kc)
                return kc

        _MANAGER_CLASS = TrackingKernelManager
    return _MANAGER_CLASS
