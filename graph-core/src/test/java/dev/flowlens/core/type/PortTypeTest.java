package dev.flowlens.core.type;

import static dev.flowlens.core.type.PortType.ANY;
import static dev.flowlens.core.type.PortType.BOOLEAN;
import static dev.flowlens.core.type.PortType.FILE_PATH;
import static dev.flowlens.core.type.PortType.IMAGE;
import static dev.flowlens.core.type.PortType.INTEGER;
import static dev.flowlens.core.type.PortType.JSON;
import static dev.flowlens.core.type.PortType.NUMBER;
import static dev.flowlens.core.type.PortType.TEXT;
import static dev.flowlens.core.type.PortType.listOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one wire rule the validator, editor and executor share, and the names types have in files. */
class PortTypeTest {

    @Test
    void sameTypeIsDirect() {
        for (PortType.Kind k : PortType.Kind.values()) {
            PortType t = new PortType.Basic(k);
            assertThat(t.accepts(t)).isEqualTo(Compatibility.DIRECT);
            assertThat(listOf(t).accepts(listOf(t))).isEqualTo(Compatibility.DIRECT);
        }
        assertThat(listOf(listOf(IMAGE)).accepts(listOf(listOf(IMAGE)))).isEqualTo(Compatibility.DIRECT);
    }

    @Test
    void integerWidensToNumberButNotBack() {
        assertThat(NUMBER.accepts(INTEGER)).isEqualTo(Compatibility.DIRECT);
        assertThat(INTEGER.accepts(NUMBER)).isEqualTo(Compatibility.refused(INTEGER, NUMBER));
    }

    @Test
    void listIntoSingleValueFansOut() {
        assertThat(IMAGE.accepts(listOf(IMAGE))).isEqualTo(Compatibility.FAN_OUT);
        assertThat(NUMBER.accepts(listOf(INTEGER))).isEqualTo(Compatibility.FAN_OUT);
        assertThat(FILE_PATH.accepts(listOf(FILE_PATH)).allowed()).isTrue();
    }

    @Test
    void fanOutGoesOneLevelDeepOnly() {
        assertThat(IMAGE.accepts(listOf(listOf(IMAGE)))).isInstanceOf(Compatibility.Refused.class);
    }

    @Test
    void singleValueIntoListIsWrapped() {
        assertThat(listOf(IMAGE).accepts(IMAGE)).isEqualTo(Compatibility.WRAP);
        assertThat(listOf(NUMBER).accepts(INTEGER)).isEqualTo(Compatibility.WRAP);
        assertThat(listOf(ANY).accepts(TEXT)).isEqualTo(Compatibility.WRAP);
        assertThat(listOf(TEXT).accepts(IMAGE)).isEqualTo(Compatibility.refused(listOf(TEXT), IMAGE));
    }

    @Test
    void listIntoListFollowsTheElements() {
        assertThat(listOf(NUMBER).accepts(listOf(INTEGER))).isEqualTo(Compatibility.DIRECT);
        assertThat(listOf(ANY).accepts(listOf(IMAGE))).isEqualTo(Compatibility.DIRECT);
        assertThat(listOf(ANY).accepts(listOf(listOf(IMAGE)))).isEqualTo(Compatibility.DIRECT);
        assertThat(listOf(INTEGER).accepts(listOf(NUMBER))).isEqualTo(Compatibility.refused(listOf(INTEGER), listOf(NUMBER)));
        assertThat(listOf(IMAGE).accepts(listOf(TEXT))).isEqualTo(Compatibility.refused(listOf(IMAGE), listOf(TEXT)));
        // Neither a fan-out nor a wrap inside a list: list<list<image>> into list<image> is refused.
        assertThat(listOf(IMAGE).accepts(listOf(listOf(IMAGE)))).isInstanceOf(Compatibility.Refused.class);
        assertThat(listOf(listOf(IMAGE)).accepts(listOf(IMAGE))).isInstanceOf(Compatibility.Refused.class);
    }

    @Test
    void anyAcceptsEverything() {
        List<PortType> all = new ArrayList<>();
        for (PortType.Kind k : PortType.Kind.values()) {
            all.add(new PortType.Basic(k));
            all.add(listOf(new PortType.Basic(k)));
        }
        all.add(ANY);
        all.add(listOf(listOf(JSON)));
        for (PortType t : all) {
            assertThat(ANY.accepts(t)).as("any <- %s", t.id()).isEqualTo(Compatibility.DIRECT);
        }
    }

    @Test
    void aValueOfUnknownTypeIsNotTrustedIntoATypedInput() {
        // The validator cannot prove what an "any" output carries, so it does not promise an Image input.
        assertThat(IMAGE.accepts(ANY)).isEqualTo(Compatibility.refused(IMAGE, ANY));
        assertThat(listOf(IMAGE).accepts(ANY)).isInstanceOf(Compatibility.Refused.class);
    }

    @Test
    void refusalsBetweenDifferentKinds() {
        assertThat(IMAGE.accepts(TEXT).allowed()).isFalse();
        assertThat(TEXT.accepts(JSON).allowed()).isFalse();
        assertThat(BOOLEAN.accepts(INTEGER).allowed()).isFalse();
        assertThat(TEXT.accepts(listOf(IMAGE)).allowed()).isFalse();
    }

    @Test
    void refusalMessageNamesBothEnds() {
        Compatibility.Refused refused = (Compatibility.Refused) IMAGE.accepts(TEXT);
        assertThat(refused.message("Resize.image", "OCR.text")).isEqualTo("Resize.image expects Image, but OCR.text gives Text");

        Compatibility.Refused listRefused = (Compatibility.Refused) listOf(IMAGE).accepts(listOf(FILE_PATH));
        assertThat(listRefused.message("Grid.images", "Folder.files"))
                .isEqualTo("Grid.images expects List of Image, but Folder.files gives List of File path");
    }

    @Test
    void idsAndDisplayNames() {
        assertThat(FILE_PATH.id()).isEqualTo("file_path");
        assertThat(FILE_PATH.displayName()).isEqualTo("File path");
        assertThat(listOf(listOf(JSON)).id()).isEqualTo("list<list<json>>");
        assertThat(listOf(listOf(JSON)).displayName()).isEqualTo("List of List of JSON");
        assertThat(ANY.id()).isEqualTo("any");
    }

    @Test
    void everyTypeRoundTripsThroughItsId() {
        List<PortType> types = new ArrayList<>();
        for (PortType.Kind k : PortType.Kind.values()) {
            PortType t = new PortType.Basic(k);
            types.add(t);
            types.add(listOf(t));
            types.add(listOf(listOf(t)));
        }
        types.add(ANY);
        types.add(listOf(ANY));
        types.add(listOf(listOf(listOf(ANY))));
        for (PortType t : types) {
            assertThat(PortType.parse(t.id())).isEqualTo(t);
        }
        assertThat(PortType.parse("  list<image> ")).isEqualTo(listOf(IMAGE));
        assertThat(PortType.parse("list< image >")).isEqualTo(listOf(IMAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Image", "list<>", "list<image", "list image", "picture", "list<list<picture>>"})
    void unknownTypesAreRefusedNamingTheKnownOnes(String text) {
        assertThatThrownBy(() -> PortType.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown port type")
                .hasMessageEndingWith("known: any, list<T>, image, text, integer, number, boolean, json, table, file_path, "
                        + "classifications, detections");
    }
}
