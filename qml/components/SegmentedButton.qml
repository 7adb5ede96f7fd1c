// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// One segment of a row of exclusive choices (All / Money in / Money out, Following / Discover,
// PIN / Passphrase): filled while chosen. It is a checkable button whose `checked` follows
// `selected`, so screen readers announce which segment is chosen (STATE_CHECKED); Qt Quick
// Controls 6.4 overwrite an Accessible.role or Accessible.checked set on a Button.
AppButton {
    id: segment

    //! This is the current choice (bind it to the model).
    property bool selected: false
    //! The user picked this segment (click, Space, Return or a screen reader's action).
    signal chosen()

    checkable: true
    checked: selected
    variant: selected ? "primary" : "secondary"
    // A click toggles `checked`, then says clicked; a screen reader's toggle action only
    // toggles: either way, the model decides and `checked` follows `selected` again.
    function pick() {
        if (!segment.selected)
            segment.chosen()
        segment.checked = Qt.binding(() => segment.selected)
    }
    onToggled: pick()
    onClicked: pick()
}
