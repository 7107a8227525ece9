/**
 * Reading audio files into float samples for the recognizer.
 *
 * <p>{@link dev.verbatim.audio.AudioLoader#loadMono(java.nio.file.Path, int)} is the usual entry
 * point: {@link dev.verbatim.audio.WavReader} parses WAV/RIFX/RF64/AIFF/AIFF-C headers,
 * {@link dev.verbatim.audio.SampleCodec} turns the stored bytes into floats, and
 * {@link dev.verbatim.audio.Resampling} converts the rate. {@link dev.verbatim.audio.WavWriter}
 * writes 16-bit WAV files atomically.
 */
package dev.verbatim.audio;
