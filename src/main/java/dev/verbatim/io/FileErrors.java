package dev.verbatim.io;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a failure into one line for a user; the command line and the REPL both report errors through it. */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * The JDK's file-system exceptions carry only the path as their message ("/data/dev.tsv"), so they get the path
     * and what is wrong with it ("/data/dev.tsv: no such file or directory"). An {@link UncheckedIOException} is
     * described as the exception it wraps. Anything else keeps its message, or its class name when it has none.
     */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String what;
            if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "already exists";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "directory not empty";
            } else {
                what = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            }
            String other = f.getOtherFile() != null ? " (and " + f.getOtherFile() + ")" : "";
            return f.getFile() + other + ": " + what;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
