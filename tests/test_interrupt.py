"""Ctrl-C is never raised inside an import (checker/interrupt.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from children import with_ctrl_c

from checker.interrupt import in_import


def test_a_frame_inside_an_import_is_told_from_one_outside(tmp_path, monkeypatch) -> None:
    (tmp_path / "framed_module.py").write_text("import sys\nFRAME = sys._getframe()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import framed_module

    assert in_import(framed_module.FRAME)  # its body ran under importlib's frames
    assert not in_import(sys._getframe())
    assert not in_import(None)


SCRIPT = textwrap.dedent("""
    import os, signal, sys, threading
    sys.path.insert(0, sys.argv[1])
    if sys.argv[2] == "installed":
        from checker import interrupt
        interrupt.install()
    try:
        import slow_module  # Ctrl-C comes while its body runs
    except KeyboardInterrupt:
        print("raised inside the import")
        sys.exit(0)
    try:
        threading.Event().wait(5)  # waiting for a lock, as footcheck's main thread waits
        print("never raised")
    except KeyboardInterrupt:
        print("raised after the import;", "whole" if slow_module.DONE else "half")
""")
MODULE = textwrap.dedent("""
    import os, signal, time
    os.kill(os.getpid(), signal.SIGINT)
    end = time.monotonic() + 0.2
    while time.monotonic() < end:  # Python code running: the handler is called in here
        pass
    DONE = True
""")


def run_script(tmp_path: Path, mode: str) -> str:
    (tmp_path / "slow_module.py").write_text(MODULE)
    script = tmp_path / "script.py"
    script.write_text(SCRIPT)
    done = subprocess.run([sys.executable, str(script), str(tmp_path), mode],
                          capture_output=True, text=True, timeout=30,
                          preexec_fn=with_ctrl_c)
    return done.stdout.strip() + done.stderr.strip()[-300:]


def test_ctrl_c_during_an_import_is_raised_once_the_import_is_over(tmp_path) -> None:
    """Raised inside an import, a KeyboardInterrupt may land in importlib's lock callback,
    be dropped there and leave the import lock held (the next import in another thread then
    waits forever). With footcheck's handler it comes right after the import."""
    assert run_script(tmp_path, "installed") == "raised after the import; whole"
    assert run_script(tmp_path, "python's") == "raised inside the import"  # the handler's point


AGAIN = textwrap.dedent("""
    import os, signal, sys, threading, time
    from checker import interrupt
    interrupt.install()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    except KeyboardInterrupt:
        pass  # dropped, as C code calling Python code may drop it
    started = time.monotonic()
    try:
        threading.Event().wait(5)
        print("not again")
    except KeyboardInterrupt:
        print(f"again after {time.monotonic() - started:.1f} s")
        interrupt.handled()
    try:
        threading.Event().wait(1.5)
        print("then no more")
    except KeyboardInterrupt:
        print("and again")
""")


def test_an_interrupt_the_program_did_not_take_is_raised_again(tmp_path) -> None:
    """A KeyboardInterrupt dropped on its way (an exception raised in Python code that C
    code called can vanish there) comes again half a second later, until the program says
    it has taken it (`handled`); then never again."""
    script = tmp_path / "again.py"
    script.write_text(AGAIN)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=30, preexec_fn=with_ctrl_c)
    again, then = done.stdout.split("\n")[:2]
    assert again.startswith("again after ") and then == "then no more", done.stderr
    assert 0.3 <= float(again.split()[2]) <= 2.5  # UNTAKEN_AFTER, give or take a loaded machine


ELSEWHERE = textwrap.dedent("""
    import signal, sys, threading, time
    if sys.argv[1] == "installed":
        from checker import interrupt
        interrupt.install()

    def take_it_here():  # as the system may hand a process's Ctrl-C to any thread
        time.sleep(0.2)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    threading.Thread(target=take_it_here, daemon=True).start()
    started = time.monotonic()
    try:
        threading.Event().wait(3)  # the main thread waits for a lock
        print("never raised")
    except KeyboardInterrupt:
        print(f"{time.monotonic() - started - 0.2:.2f}")
""")


def test_a_ctrl_c_another_thread_took_reaches_the_main_thread_at_once(tmp_path) -> None:
    """The system may give a Ctrl-C to any thread; Python runs its handler only on the main
    thread, which, waiting for a lock, is not woken: the interrupt came only when the wait
    ended (the check's wait for hanging links: never). footcheck's handler hears of every
    Ctrl-C through the signal's wake-up pipe and sends it on to the main thread."""
    script = tmp_path / "elsewhere.py"
    script.write_text(ELSEWHERE)

    def after(mode: str) -> str:
        done = subprocess.run([sys.executable, str(script), mode], capture_output=True,
                              text=True, timeout=30, preexec_fn=with_ctrl_c)
        return done.stdout.strip() or done.stderr[-300:]

    assert float(after("installed")) < 1.0  # 0.05 s, give or take a loaded machine
    assert float(after("python's")) > 2.5  # only when the 3 s wait ended


BLOCKED = textwrap.dedent("""
    import signal, threading
    from checker import interrupt
    interrupt.install()
    [sender] = [t for t in threading.enumerate() if t.name == "footcheck-ctrl-c"]
    for line in open(f"/proc/self/task/{sender.native_id}/status"):
        if line.startswith("SigBlk:"):
            print("blocked" if int(line.split()[1], 16) >> (signal.SIGINT - 1) & 1 else "open")
    print("main blocks" if signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
          else "main open")
""")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_the_sending_thread_never_takes_a_ctrl_c(tmp_path) -> None:
    """The thread that sends Ctrl-C on blocks it itself: where the main thread blocks Ctrl-C
    for a moment (as `workers.map_shared` forks its workers), the system keeps it for the main
    thread instead of handing it to that thread, whose handler would have had the main thread
    raise it mid-fork (a worker forked but not yet known was left running: 1 run in 40 of
    Ctrl-C during a large document's reading)."""
    script = tmp_path / "blocked.py"
    script.write_text(BLOCKED)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=30, preexec_fn=with_ctrl_c)
    assert done.stdout.split("\n")[:2] == ["blocked", "main open"], done.stderr


HELD = textwrap.dedent("""
    import os, signal, threading, time
    from checker import interrupt
    interrupt.install()
    done = False
    try:
        with interrupt.held():
            os.kill(os.getpid(), signal.SIGINT)
            end = time.monotonic() + 0.2
            while time.monotonic() < end:  # Python code running: the handler is called here
                pass
            done = True
        threading.Event().wait(5)
        print("never raised")
    except KeyboardInterrupt:
        print("raised after the block;", "whole" if done else "half")
""")


def test_ctrl_c_waits_for_a_held_block(tmp_path) -> None:
    """`interrupt.held()` (workers.map_shared forks its workers in one): a Ctrl-C that comes
    inside is raised as soon as the block ends."""
    script = tmp_path / "held.py"
    script.write_text(HELD)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=30, preexec_fn=with_ctrl_c)
    assert done.stdout.strip() == "raised after the block; whole", done.stderr
