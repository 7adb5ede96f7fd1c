// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza
import Plaza.Desktop

// The main window: one screen per session state.
ApplicationWindow {
    id: window

    readonly property QtObject session: App.session

    width: 1120
    height: 740
    minimumWidth: 780
    minimumHeight: 560
    visible: true
    // While the app lock is locked the title (taskbar, window switcher, screen readers) does
    // not say whose account this is either.
    title: session.state === Session.Ready && session.displayName.length > 0 && !(App.appLock && App.appLock.locked)
           ? qsTr("Plaza — %1").arg(session.displayName) : qsTr("Plaza")
    color: Theme.background

    // The Basic style draws from the palette: feed it the theme so stock parts
    // (menus, tooltips, scroll bars, text selection) match in light and dark.
    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.background
    palette.text: Theme.text
    palette.button: Theme.surfaceRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.textFaint
    palette.toolTipBase: Theme.surfaceRaised
    palette.toolTipText: Theme.text
    palette.mid: Theme.border
    palette.dark: Theme.borderStrong
    palette.light: Theme.surfaceRaised
    palette.midlight: Theme.hover
    palette.shadow: Theme.scrim

    // "Keep running in the tray": closing hides the window; the tray icon brings it back.
    onClosing: close => {
        if (Preferences.minimizeToTray && Preferences.trayAvailable && session.state === Session.Ready) {
            close.accepted = false
            window.hide()
        }
    }

    // Size, position and maximised state as the last run left them (clamped to the screens).
    Component.onCompleted: Preferences.keepWindowGeometry(window)

    Binding {
        target: Theme
        property: "mode"
        value: Preferences.themeMode
    }

    Loader {
        id: screen
        objectName: "screenLoader"
        anchors.fill: parent
        focus: true
        sourceComponent: {
            switch (window.session.state) {
            case Session.SignedOut:
                return signIn
            case Session.NeedsPassphrase:
                return passphrase
            case Session.CacheLocked:
                return cacheLocked
            case Session.Ready:
                return shell
            default:
                return starting
            }
        }
    }

    // A clicked notification asks for a page ("chat/<conversation id>"): the shell opens it.
    Connections {
        target: Links
        function onPageRequested(page) {
            if (window.session.state === Session.Ready && screen.item)
                screen.item.openStartPage(page)
        }
    }

    Component { id: starting; StartingScreen { } }
    Component {
        id: signIn
        SignInScreen {
            session: window.session
            defaultServerUrl: App.defaultServerUrl
        }
    }
    Component { id: passphrase; PassphraseScreen { session: window.session } }
    Component { id: cacheLocked; CacheLockedScreen { session: window.session } }
    Component { id: shell; Shell { objectName: "shell"; session: window.session } }
}
