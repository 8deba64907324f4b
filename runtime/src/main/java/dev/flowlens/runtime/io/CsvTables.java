package dev.flowlens.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.flowlens.runtime.value.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV files as {@link Table}s, through jackson-dataformat-csv: a header row names the columns; quoting,
 * embedded commas and newlines are handled by the library. Cells are read as text.
 */
public final class CsvTables {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .build();

    private CsvTables() {
    }

    public static Table read(Path file) throws FileProblem {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, name);
        } catch (NoSuchFileException e) {
            throw new FileProblem(name + ": the file does not exist (" + file.toAbsolutePath() + ")", e);
        } catch (CharacterCodingException e) {
            throw new FileProblem(name + ": is not UTF-8 text; save the CSV as UTF-8", e);
        } catch (FileProblem e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem(name + ": cannot read the file (" + AtomicFiles.reason(e) + ")", e);
        }
    }

    /** Reads CSV text with a header row; {@code name} is used in messages. */
    public static Table read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        in.mark(1);
        int first = in.read();
        if (first < 0) {
            throw new FileProblem(name + ": the file is empty; a CSV needs a header row naming the columns");
        }
        if (first != '\uFEFF') {
            in.reset(); // no byte-order mark (spreadsheets write one); keep the first character
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> columns;
        try (MappingIterator<Map<String, String>> it = MAPPER.readerFor(Map.class).with(schema).readValues(in)) {
            while (it.hasNextValue()) {
                rows.add(new LinkedHashMap<>(it.nextValue()));
            }
            CsvSchema read = (CsvSchema) it.getParserSchema();
            columns = read == null ? List.of() : new ArrayList<>(read.getColumnNames());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " at line " + e.getLocation().getLineNr();
            throw new FileProblem(name + ": not valid CSV" + where + " (" + e.getOriginalMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new FileProblem(name + ": not valid CSV (" + e.getMessage() + ")", e);
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw new FileProblem(name + ": the header names column \"" + c + "\" twice");
            }
        }
        if (columns.isEmpty()) {
            throw new FileProblem(name + ": the file is empty; a CSV needs a header row naming the columns");
        }
        return new Table(columns, rows);
    }

    /** Writes the table with a header row; numbers as written by Java, booleans as true/false, null empty. */
    public static void write(Table table, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        table.columns().forEach(schema::addColumn);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // The caller owns the stream (an atomic write closes and renames it), so the writer leaves it open.
        try (SequenceWriter rows = MAPPER.writer(schema.build())
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(writer)) {
            for (Map<String, Object> row : table.rows()) {
                List<String> cells = new ArrayList<>(table.columns().size());
                for (String column : table.columns()) {
                    cells.add(cell(row.get(column)));
                }
                rows.write(cells);
            }
        }
        writer.flush();
    }

    /** The text of one cell as written to CSV. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }
}
