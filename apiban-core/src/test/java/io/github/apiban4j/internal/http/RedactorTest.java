package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String KEY = "s3cretKEY";
  private final Redactor redactor = new Redactor(KEY);

  @Test
  void scrubsEveryOccurrenceInText() {
    assertThat(redactor.scrub("GET /api/s3cretKEY/banned/100 and s3cretKEY again"))
        .isEqualTo("GET /api/<redacted>/banned/100 and <redacted> again");
    assertThat(redactor.scrub((String) null)).isNull();
  }

  @Test
  void aChainWithoutTheKeyIsKeptAsItIs() {
    IOException clean = new IOException("timeout", new SocketTimeoutException("read"));

    assertThat(redactor.scrub(clean)).isSameAs(clean);
  }

  @Test
  void aChainThatShowsTheKeyAnywhereIsCopiedScrubbed() {
    IOException inner = new IOException("url https://apiban.org/api/s3cretKEY/check/192.0.2.1");
    SocketTimeoutException outer = new SocketTimeoutException("timeout");
    outer.initCause(inner);
    outer.addSuppressed(new IllegalStateException("Bearer s3cretKEY"));

    Throwable scrubbed = redactor.scrub(outer);

    assertThat(scrubbed).isNotSameAs(outer).isInstanceOf(Redactor.RedactedException.class);
    assertThat(((Redactor.RedactedException) scrubbed).originalClass())
        .isEqualTo("java.net.SocketTimeoutException");
    assertThat(scrubbed).hasToString("java.net.SocketTimeoutException: timeout [key redacted]");
    assertThat(scrubbed.getStackTrace()).isEqualTo(outer.getStackTrace());
    assertThat(scrubbed.getCause())
        .hasMessage("url https://apiban.org/api/<redacted>/check/192.0.2.1");
    assertThat(scrubbed.getSuppressed()[0]).hasMessage("Bearer <redacted>");
  }

  @Test
  void aCycleInTheChainEnds() {
    IOException a = new IOException("a s3cretKEY");
    IOException b = new IOException("b", a);
    a.initCause(b);

    Throwable scrubbed = redactor.scrub(a);

    assertThat(scrubbed).hasMessage("a <redacted>");
    assertThat(scrubbed.getCause()).hasMessage("b");
    assertThat(scrubbed.getCause().getCause()).isSameAs(scrubbed);
  }
}
