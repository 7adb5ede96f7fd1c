// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// The files of a message or a post: the pictures first, laid out by count (one at its own
// proportions, two side by side, three as one wide and two below, more in pairs), then the
// other files as rows. Every box is placed from the width and the server's width/height
// alone, so the bubble or post has its final height before a single picture has loaded.
Item {
    id: grid

    //! [{id, image, name, size, width, height, alt}] (media/attachmentview.h)
    property var attachments: []
    //! The widest the pictures may be.
    property real maxWidth: 320
    property color fileInk: Theme.text
    //! The tallest one picture may be (cropped past it): a portrait photo never takes more than
    //! a small window's height, so the keyboard can always bring the whole of it into view.
    property real maxSingleHeight: 360
    //! The pictures take the keyboard focus with Tab (Enter opens the viewer).
    property bool pictureFocus: true

    readonly property var images: (attachments || []).filter(a => a.image)
    readonly property var files: (attachments || []).filter(a => !a.image)
    readonly property real gap: Theme.spacingXs
    //! Where each picture goes: [{x, y, w, h}], and the height they take.
    readonly property var boxes: layoutBoxes(images, maxWidth)
    readonly property real imagesHeight: boxes.length > 0 ? boxes[boxes.length - 1].y + boxes[boxes.length - 1].h : 0

    //! A picture was clicked: open the viewer on images[index].
    signal imageOpened(int index)

    // One picture: as wide as it may be, its height from its proportions (kept between a
    // strip and a square-and-a-quarter, at most maxSingleHeight, so a panorama or a tall screenshot stays readable).
    function singleHeight(media, width) {
        if (!media.width || !media.height)
            return width * 0.75
        return Math.max(width * 0.4, Math.min(width * 1.25, maxSingleHeight, width * media.height / media.width))
    }
    function layoutBoxes(list, width) {
        const out = []
        const half = (width - gap) / 2
        if (list.length === 1) {
            out.push({ x: 0, y: 0, w: width, h: singleHeight(list[0], width) })
            return out
        }
        let y = 0
        let i = 0
        if (list.length % 2 === 1) { // an odd count: the first one wide
            out.push({ x: 0, y: 0, w: width, h: width * 0.5 })
            y = width * 0.5 + gap
            i = 1
        }
        const h = list.length === 2 ? half * 1.1 : half * 0.75
        for (; i < list.length; i += 2) {
            out.push({ x: 0, y: y, w: half, h: h })
            out.push({ x: half + gap, y: y, w: half, h: h })
            y += h + gap
        }
        return out
    }

    visible: (attachments || []).length > 0
    implicitWidth: maxWidth
    implicitHeight: imagesHeight + (files.length > 0 ? (imagesHeight > 0 ? gap : 0) + fileColumn.implicitHeight : 0)

    Repeater {
        model: grid.images
        MediaTile {
            required property var modelData
            required property int index
            readonly property var box: grid.boxes[index] || { x: 0, y: 0, w: 0, h: 0 }
            media: modelData
            activeFocusOnTab: grid.pictureFocus
            x: box.x
            y: box.y
            boxWidth: box.w
            boxHeight: box.h
            onOpened: grid.imageOpened(index)
        }
    }
    Column {
        id: fileColumn
        y: grid.imagesHeight > 0 ? grid.imagesHeight + grid.gap : 0
        width: grid.maxWidth
        spacing: grid.gap
        Repeater {
            model: grid.files
            FileRow {
                required property var modelData
                media: modelData
                ink: grid.fileInk
                width: grid.maxWidth
            }
        }
    }
}
