// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// The one source of colours, spacing, radii and type sizes for every screen.
// Light and dark follow the system: Qt 6.4 has no QStyleHints::colorScheme, so the
// lightness of the platform palette's window colour decides; `mode` overrides it
// ("light" or "dark", set from the command line by the app).
QtObject {
    id: theme

    //! "system", "light" or "dark".
    property string mode: "system"

    readonly property SystemPalette systemPalette: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool dark: mode === "dark"
                                 || (mode !== "light" && systemPalette.window.hslLightness < 0.5)

    // Colours: a calm neutral base, one accent, and status colours used sparingly.
    readonly property color background: dark ? "#111318" : "#F4F5F8"
    readonly property color surface: dark ? "#1A1D24" : "#FFFFFF"
    readonly property color surfaceRaised: dark ? "#222631" : "#FFFFFF"
    readonly property color sidebar: dark ? "#15181E" : "#ECEEF3"
    readonly property color hover: dark ? "#262A35" : "#E3E6EE"
    readonly property color selected: dark ? "#2A2F4A" : "#E0E3FB"
    readonly property color border: dark ? "#2C313C" : "#DCDFE6"
    readonly property color borderStrong: dark ? "#454B59" : "#B9BEC9"
    readonly property color text: dark ? "#ECEEF3" : "#171A21"
    readonly property color textMuted: dark ? "#A2A8B6" : "#5C6373"
    readonly property color textFaint: dark ? "#7A8191" : "#8A909E"
    readonly property color accent: dark ? "#8B8FFF" : "#4F46E5"
    readonly property color accentHover: dark ? "#A3A6FF" : "#4338CA"
    readonly property color accentText: dark ? "#10112A" : "#FFFFFF"
    readonly property color accentSoft: dark ? "#25284A" : "#EEF0FF"
    readonly property color danger: dark ? "#FF8A8A" : "#C62828"
    readonly property color dangerSoft: dark ? "#3A1F24" : "#FDECEC"
    readonly property color success: dark ? "#5FD39A" : "#16884F"
    readonly property color focusRing: accent
    readonly property color scrim: dark ? "#99000000" : "#66000000"

    // Spacing on a 4-pixel grid.
    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int spacingXxl: 32
    readonly property int spacingHuge: 48

    readonly property int radiusS: 6
    readonly property int radiusM: 10
    readonly property int radiusL: 16

    // Type scale (pixel sizes, so screenshots look the same on every machine).
    readonly property int fontCaption: 12
    readonly property int fontBody: 14
    readonly property int fontSubtitle: 16
    readonly property int fontTitle: 20
    readonly property int fontHeadline: 26
    readonly property int fontDisplay: 32

    readonly property int controlHeight: 40
    readonly property int iconSize: 20
    readonly property int sidebarWidth: 232
    readonly property int formWidth: 400
    //! The widest a page's content gets (Wallet, Savings): centred beyond it.
    readonly property int contentMaxWidth: 1040
    // Below these widths (the window can be 780 px wide) a row stacks what it set side by
    // side: a card its buttons under its figures, a row of controls or charts onto two lines.
    readonly property int stackCardBelow: 560
    readonly property int stackRowBelow: 640
    readonly property int animationFast: 120
    readonly property int animationNormal: 220

    // Money is right-aligned and set in a face whose digits all have the same advance,
    // so columns of amounts line up. font.features {"tnum": 1} needs Qt 6.6; DejaVu Sans
    // (the Linux default) already has tabular digits, and the monospace fallback keeps
    // that promise wherever it is missing.
    readonly property font moneyFont: Qt.font({ family: "DejaVu Sans", pixelSize: fontBody })

    //! The URL of one of the bundled Lucide icons, by its Lucide name.
    function icon(name) {
        return Qt.resolvedUrl("icons/" + name + ".svg")
    }
}
