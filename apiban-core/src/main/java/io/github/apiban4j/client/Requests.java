package io.github.apiban4j.client;

import com.squareup.moshi.JsonWriter;
import io.github.apiban4j.internal.http.UserAgent;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Builds the HTTP requests of both API versions. The requests hold the key (v1: in the URL; v2: in
 * a header), so neither they nor their URLs may ever be logged or put in a message:
 * {@code Request.toString()} shows the URL.
 */
final class Requests {
  private static final MediaType JSON = MediaType.get("application/json");

  private final ApiKey key;
  private final HttpUrl base;
  private final ApiVersion version;
  private final Dataset dataset;

  Requests(ApiKey key, HttpUrl base, ApiVersion version, Dataset dataset) {
    this.key = key;
    this.base = base;
    this.version = version;
    this.dataset = dataset;
  }

  /** The page after {@code cursor} (already checked to be digits). */
  Request banned(String cursor) {
    if (version == ApiVersion.V1) {
      return get(base.newBuilder()
          .addPathSegment(key.reveal())
          .addPathSegment("banned")
          .addPathSegment(cursor)
          .build());
    }
    return post("get", "id", cursor);
  }

  /** Whether {@code address} (a canonical literal) is banned. */
  Request check(String address) {
    if (version == ApiVersion.V1) {
      return get(base.newBuilder()
          .addPathSegment(key.reveal())
          .addPathSegment("check")
          .addPathSegment(address)
          .build());
    }
    return post("check", "ipaddress", address);
  }

  private static Request get(HttpUrl url) {
    return common(url).get().build();
  }

  private Request post(String endpoint, String field, String value) {
    Buffer body = new Buffer();
    try (JsonWriter writer = JsonWriter.of(body)) {
      writer.beginObject();
      writer.name("set").value(dataset.wireName());
      writer.name(field).value(value);
      writer.endObject();
    } catch (IOException e) {
      throw new AssertionError("writing to a Buffer cannot fail", e);
    }
    return common(base.newBuilder().addPathSegment(endpoint).build())
        .header("Authorization", "Bearer " + key.reveal())
        .post(RequestBody.create(body.readByteString(), JSON))
        .build();
  }

  private static Request.Builder common(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Accept", "application/json")
        .header("User-Agent", UserAgent.VALUE);
  }
}
