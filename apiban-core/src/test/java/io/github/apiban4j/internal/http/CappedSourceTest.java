package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class CappedSourceTest {

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws Exception {
    CappedSource capped = new CappedSource(new Buffer().writeUtf8("x".repeat(100)), 100);
    BufferedSource source = Okio.buffer(capped);

    assertThat(source.readUtf8()).hasSize(100);
    assertThat(capped.bytesRead()).isEqualTo(100);
  }

  @Test
  void oneByteMoreFails() {
    BufferedSource source =
        Okio.buffer(new CappedSource(new Buffer().writeUtf8("x".repeat(101)), 100));

    assertThatThrownBy(source::readUtf8)
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("the reply body is larger than the limit of 100 bytes");
  }

  @Test
  void failuresOfTheConnectionAreMarked() {
    Source broken = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        throw new SocketException("Connection reset");
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    BufferedSource source = Okio.buffer(new CappedSource(broken, 100));

    assertThatThrownBy(source::readUtf8)
        .isInstanceOf(BodyReadException.class)
        .hasCauseInstanceOf(SocketException.class)
        .hasMessage("Connection reset");
  }
}
