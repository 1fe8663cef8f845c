#!/bin/sh
# Prints the path of a Python 3.12+ interpreter, or fails loudly. pyenv shims can exist for
# versions that are not selected, so every candidate is actually run before it is trusted.
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for name in python3.12 python3.13 python3.14 python3; do
    path=$(command -v "$name" 2>/dev/null) && ok "$path" && { echo "$path"; exit 0; }
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for path in "$root"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -x "$path" ] && ok "$path" && { echo "$path"; exit 0; }
done
echo "Kliento needs Python 3.12 or newer (Django 6), and none was found." >&2
echo "Install one (e.g. 'pyenv install 3.12' or your system's python3.12 package) and retry." >&2
exit 1
