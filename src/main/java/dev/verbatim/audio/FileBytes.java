package dev.verbatim.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random-access reads from an audio file, turning every I/O failure into an
 * {@link AudioFileException} that names the file.
 */
final class FileBytes implements Closeable {

    private final Path file;
    private final FileChannel channel;
    private final long size;

    private FileBytes(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static FileBytes open(Path file) throws AudioFileException {
        if (Files.isDirectory(file)) {
            throw new AudioFileException(file, "is a folder, not an audio file");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            return new FileBytes(file, channel, channel.size());
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new AudioFileException(file, "cannot read: permission denied", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AudioFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** An error about this file. */
    AudioFileException error(String problem) {
        return new AudioFileException(file, problem);
    }

    /** Reads up to {@code length} bytes at {@code position}; the buffer holds fewer at end of file. */
    ByteBuffer readUpTo(long position, int length, ByteOrder order) throws AudioFileException {
        int wanted = (int) Math.max(0, Math.min(length, size - position));
        ByteBuffer buffer = ByteBuffer.allocate(wanted).order(order);
        readInto(position, buffer);
        return buffer.flip();
    }

    /**
     * Reads exactly {@code length} bytes of a header structure.
     *
     * @param what names the structure for the error message, e.g. "the fmt chunk"
     * @throws AudioFileException "truncated header: ..." when the file ends first
     */
    ByteBuffer readHeader(long position, int length, ByteOrder order, String what) throws AudioFileException {
        ByteBuffer buffer = readUpTo(position, length, order);
        if (buffer.remaining() < length) {
            throw error("truncated header: " + what + " is cut short (needs " + length
                    + " bytes, file has " + buffer.remaining() + ")");
        }
        return buffer;
    }

    /** Fills {@code dst} from {@code position}; the caller has checked that the bytes exist. */
    void readFully(long position, byte[] dst, int length) throws AudioFileException {
        ByteBuffer buffer = ByteBuffer.wrap(dst, 0, length);
        readInto(position, buffer);
        if (buffer.hasRemaining()) {
            throw error("read error: the file ended early (was it changed while being read?)");
        }
    }

    private void readInto(long position, ByteBuffer buffer) throws AudioFileException {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    return;
                }
                at += n;
            }
        } catch (IOException e) {
            throw new AudioFileException(file, "read error: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing was written, so a failed close loses nothing.
        }
    }
}
