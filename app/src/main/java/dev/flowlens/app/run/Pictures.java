package dev.flowlens.app.run;

import dev.flowlens.runtime.api.OutputPreview;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns the runtime's picture previews into JavaFX images. */
public final class Pictures {
    private Pictures() {
    }

    public static Image toImage(OutputPreview.Picture picture) {
        WritableImage image = new WritableImage(picture.width(), picture.height());
        image.getPixelWriter().setPixels(0, 0, picture.width(), picture.height(), PixelFormat.getIntArgbInstance(),
                picture.argb(), 0, picture.width());
        return image;
    }
}
