package dev.verbatim.audio;

/** How one stored sample is encoded, independent of its byte size and byte order. */
public enum SampleEncoding {
    /** Unsigned integer with an offset of half the range (WAV's 8-bit PCM): 0x80 is silence. */
    PCM_UNSIGNED,
    /** Two's-complement signed integer, left-justified in its container (8, 16, 24 or 32 bits). */
    PCM_SIGNED,
    /** IEEE 754 floating point, nominally in [-1, 1] (32 or 64 bits). */
    FLOAT,
    /** ITU-T G.711 mu-law, 8 bits (North America, Japan telephony). */
    MU_LAW,
    /** ITU-T G.711 A-law, 8 bits (European telephony). */
    A_LAW
}
