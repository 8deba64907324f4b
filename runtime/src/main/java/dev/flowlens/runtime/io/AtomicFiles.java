package dev.flowlens.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Writes user-visible files so that readers never see half a file: the content goes to a hidden temporary
 * file in the target folder, which is then renamed over the target in one step. A failed write leaves no
 * temporary file behind and the old target (if any) untouched.
 */
public final class AtomicFiles {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target}, creating its folders; refuses to replace any of {@code inputs}. */
    public static Path write(Path target, Collection<Path> inputs, Body body) throws FileProblem {
        Path file = target.toAbsolutePath().normalize();
        refuseInputs(file, inputs);
        Path folder = prepareFolder(file);
        Path temp = createTemp(folder, file);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                body.writeTo(out);
            }
            moveIntoPlace(temp, file);
            return file;
        } catch (FileProblem e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem("could not write " + file + ": " + reason(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    public static Path write(Path target, Body body) throws FileProblem {
        return write(target, java.util.List.of(), body);
    }

    /** Copies {@code source} to {@code target} atomically (the copy appears whole or not at all). */
    public static Path copy(Path source, Path target, Collection<Path> inputs) throws FileProblem {
        if (!Files.isRegularFile(source)) {
            throw new FileProblem("cannot copy " + source + ": the file does not exist (any more)");
        }
        return write(target, inputs, out -> Files.copy(source, out));
    }

    /** Creates the target's folder (and its parents) with a message that says which folder failed. */
    public static Path prepareFolder(Path file) throws FileProblem {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new FileProblem("cannot create folder " + folder + ": " + e.getFile() + " is a file, not a folder", e);
        } catch (AccessDeniedException e) {
            throw new FileProblem("cannot create folder " + folder + ": permission denied", e);
        } catch (IOException e) {
            throw new FileProblem("cannot create folder " + folder + ": " + reason(e), e);
        }
        if (!Files.isDirectory(folder)) {
            throw new FileProblem("cannot write into " + folder + ": it is not a folder");
        }
        return folder;
    }

    private static void refuseInputs(Path file, Collection<Path> inputs) throws FileProblem {
        for (Path input : inputs) {
            if (input != null && sameFile(file, input)) {
                throw new FileProblem("refusing to overwrite the input file " + input
                        + "; choose another output folder or name");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        Path na = a.toAbsolutePath().normalize();
        Path nb = b.toAbsolutePath().normalize();
        if (na.equals(nb)) {
            return true;
        }
        try {
            return Files.exists(na) && Files.exists(nb) && Files.isSameFile(na, nb);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path createTemp(Path folder, Path file) throws FileProblem {
        try {
            // Hidden (leading dot), so folder scans and file managers skip it while it is being written.
            return Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new FileProblem("cannot write into folder " + folder + ": permission denied", e);
        } catch (IOException e) {
            throw new FileProblem("cannot write into folder " + folder + ": " + reason(e), e);
        }
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileProblem("cannot write " + file + ": a folder with that name exists");
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on odd file systems; a plain replace is the best left.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing more to do: the temporary file is hidden and named after its target.
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
