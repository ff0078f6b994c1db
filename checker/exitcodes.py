"""The exit codes of every command (the README's "Exit codes" table), in one place."""

EXIT_OK = 0  # nothing at or above --fail-on
EXIT_FINDINGS = 1  # findings at or above --fail-on
EXIT_INPUT = 2  # unusable input or configuration (a bad file, an unknown key, a refused write)
EXIT_OFFLINE = 3  # nothing at all could be reached: links were not checked
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process that SIGINT ended
