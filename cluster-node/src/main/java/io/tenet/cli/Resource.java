package io.tenet.cli;

import java.util.List;

/**
 * One API collection as the CLI sees it: {@code GET /<path>} lists it under {@code key}, one
 * object is {@code /<path>/<id>}, and a table shows it with {@code columns}.
 */
record Resource(String path, String key, String singular, List<Output.Column> columns) {
  static Resource of(String path, String singular, List<Output.Column> columns) {
    return new Resource(path, path.replace('-', '_'), singular, columns);
  }

  String collection() {
    return "/" + path;
  }

  String item(String id) {
    return "/" + path + "/" + id;
  }
}
