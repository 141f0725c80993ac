package dev.rollback.adapters.docker;

import com.github.dockerjava.api.model.Frame;

/** A stream of output frames (logs, exec) with {@link StreamCallback}'s error handling. */
abstract class FrameCallback extends StreamCallback<Frame> {
}
