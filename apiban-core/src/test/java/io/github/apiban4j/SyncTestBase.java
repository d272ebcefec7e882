package io.github.apiban4j;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Gives each sync test a fresh {@link SyncFixture} in its own directory. */
abstract class SyncTestBase {
  @TempDir Path dir;
  SyncFixture f;

  @BeforeEach
  final void startFixture() throws Exception {
    f = new SyncFixture(dir);
  }

  @AfterEach
  final void stopFixture() throws Exception {
    f.close();
  }
}
