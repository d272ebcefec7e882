package io.github.apiban4j.internal.http;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Reads at most {@code limit} bytes from a reply body and fails beyond that, so that a hostile or
 * broken server cannot make the client buffer without end. Failures of the underlying source are
 * wrapped in {@link BodyReadException} so they can be told apart from malformed content.
 */
public final class CappedSource extends ForwardingSource {
  private final long limit;
  private long total;

  public CappedSource(Source delegate, long limit) {
    super(delegate);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.limit = limit;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    // Ask for one byte past the limit at most: enough to see that the body is too large.
    long request = Math.min(byteCount, limit - total + 1);
    long n;
    try {
      n = super.read(sink, request);
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
    if (n > 0) {
      total += n;
      if (total > limit) {
        throw new BodyTooLargeException(limit);
      }
    }
    return n;
  }

  /** The bytes read so far. */
  public long bytesRead() {
    return total;
  }
}
