#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reads and drives a running app over AT-SPI, as a screen reader (Orca) would.

    atspi.py APP dump                  the tree of APP's windows as JSON on stdout: one object per
                                       node (path, role, name, description, states, extents,
                                       actions), in the tree's order (depth first)
    atspi.py APP press ROLE NAME       does the first action of the first showing node with that
                                       role ("push button", ...) and name
    atspi.py APP focus ROLE NAME       gives that node the keyboard focus
    atspi.py APP key KEYSYM...         presses and releases keys (X keysym names: Return, Tab,
                                       ctrl+l) through the registry, as a keyboard would

APP is the application's AT-SPI name (QCoreApplication::applicationName: "Plaza"). Exits 0 on success,
3 when the app or the node is not (yet) in the tree, so the caller can wait and try again.
Used by tests/e2e/tst_accessibility.cpp; needs python3-pyatspi and an AT-SPI bus.
"""
import json
import sys

import pyatspi

NOT_FOUND = 3


def app_named(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def walk(node, path, out, depth=0):
    """Depth-first, children in the tree's order; only what is showing (what Orca reads)."""
    try:
        states = node.getState()
    except Exception:  # a node that went away while walking
        return
    if depth > 0 and not states.contains(pyatspi.STATE_SHOWING):
        return
    try:
        ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        extents = [ext.x, ext.y, ext.width, ext.height]
    except NotImplementedError:
        extents = None
    actions = []
    try:
        action = node.queryAction()
        actions = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        pass
    text = None
    try:
        t = node.queryText()
        text = t.getText(0, -1)
    except NotImplementedError:
        pass
    out.append({
        "path": path,
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "states": sorted(pyatspi.stateToString(s) for s in states.getStates()),
        "extents": extents,
        "actions": actions,
        "text": text,
    })
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, path + [i], out, depth + 1)


def find(app, role, name):
    nodes = []
    def visit(node, depth):
        try:
            states = node.getState()
        except Exception:
            return
        if depth > 0 and not states.contains(pyatspi.STATE_SHOWING):
            return
        if node.getRoleName() == role and (node.name or "") == name:
            nodes.append(node)
            return
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                visit(child, depth + 1)
    visit(app, 0)
    return nodes[0] if nodes else None


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    app = app_named(argv[1])
    if app is None:
        print("atspi.py: no application named %r on the accessibility bus" % argv[1], file=sys.stderr)
        return NOT_FOUND
    command, args = argv[2], argv[3:]
    if command == "dump":
        out = []
        walk(app, [], out)
        json.dump(out, sys.stdout, ensure_ascii=False)
        return 0
    if command == "key":
        for keys in args:
            parts = keys.split("+")
            modifiers = [_keycode(m) for m in parts[:-1]]
            for code in modifiers:
                pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
            pyatspi.Registry.generateKeyboardEvent(_keycode(parts[-1]), None, pyatspi.KEY_PRESSRELEASE)
            for code in reversed(modifiers):
                pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)
        return 0
    if command in ("press", "focus"):
        node = find(app, args[0], args[1])
        if node is None:
            print("atspi.py: no showing %s named %r" % (args[0], args[1]), file=sys.stderr)
            return NOT_FOUND
        if command == "press":
            node.queryAction().doAction(0)
        else:
            node.queryComponent().grabFocus()
        return 0
    print("atspi.py: unknown command %r" % command, file=sys.stderr)
    return 2


_KEYSYMS = {"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L"}


def _keycode(name):
    """The X keycode of a keysym name, through the X server the registry types on."""
    from ctypes import cdll, c_char_p, c_void_p, c_ulong
    x11 = cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = c_void_p
    x11.XStringToKeysym.restype = c_ulong
    x11.XStringToKeysym.argtypes = [c_char_p]
    x11.XKeysymToKeycode.argtypes = [c_void_p, c_ulong]
    display = x11.XOpenDisplay(None)
    if not display:
        raise SystemExit("atspi.py: no X display")
    keysym = x11.XStringToKeysym(_KEYSYMS.get(name.lower(), name).encode())
    return x11.XKeysymToKeycode(display, keysym)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
