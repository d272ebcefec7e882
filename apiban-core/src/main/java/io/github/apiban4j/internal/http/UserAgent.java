package io.github.apiban4j.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} of every request: {@code apiban4j/<version>}. */
public final class UserAgent {
  /** The version Maven wrote into {@code version.properties}, or {@code unknown}. */
  public static final String VERSION = readVersion();

  public static final String VALUE = "apiban4j/" + VERSION;

  private UserAgent() {}

  private static String readVersion() {
    try (InputStream in =
        UserAgent.class.getResourceAsStream("/io/github/apiban4j/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").strip();
      // An unfiltered resource (an IDE build) still says ${project.version}.
      return version.isEmpty() || version.contains("$") || !version.matches("[A-Za-z0-9._+-]+")
          ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
