package dev.verbatim.audio;

import java.nio.ByteBuffer;
import java.util.Locale;

/** Words for a file that is not WAV or AIFF: what it starts with, and what it probably is. */
final class FileSniffer {

    private FileSniffer() {
    }

    /**
     * E.g. "not a WAV file (starts with 'ID3'); it looks like MP3 audio: convert it to WAV first".
     *
     * @param head the first bytes of the file (up to 12), position 0
     */
    static String notAudioMessage(ByteBuffer head) {
        String message = "not a WAV file (starts with " + describeStart(head) + ")";
        String kind = guessKind(head);
        return kind == null ? message : message + "; it looks like " + kind + ": convert it to WAV first";
    }

    /** The printable characters the file starts with, or its first bytes in hex if there are few. */
    private static String describeStart(ByteBuffer head) {
        int n = Math.min(4, head.remaining());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n && isPrintable(head.get(i)); i++) {
            text.append((char) head.get(i));
        }
        if (text.length() >= 2) {
            return "'" + text + "'";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < n; i++) {
            hex.append(String.format(Locale.ROOT, " %02X", head.get(i) & 0xFF));
        }
        return hex.toString();
    }

    private static String guessKind(ByteBuffer head) {
        if (startsWith(head, "ID3") || (head.remaining() >= 2 && (head.get(0) & 0xFF) == 0xFF
                && (head.get(1) & 0xE0) == 0xE0)) {
            return "MP3 audio";
        }
        if (startsWith(head, "fLaC")) {
            return "FLAC audio";
        }
        if (startsWith(head, "OggS")) {
            return "Ogg (Vorbis or Opus) audio";
        }
        if (head.remaining() >= 8 && ChunkScanner.fourCc(head, 4).equals("ftyp")) {
            return "MP4/M4A audio or video";
        }
        if (startsWith(head, "\u001A\u0045\u00DF\u00A3")) {
            return "WebM/Matroska audio or video";
        }
        return null;
    }

    private static boolean startsWith(ByteBuffer head, String prefix) {
        if (head.remaining() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((head.get(i) & 0xFF) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(byte b) {
        return b >= 0x20 && b <= 0x7E;
    }
}
