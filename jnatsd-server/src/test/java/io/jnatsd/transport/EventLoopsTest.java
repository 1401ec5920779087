package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many connection loops a server runs (one per core, or what -Djnatsd.eventLoops says), and
 * listeners that are bound before what they greet with is known.
 */
class EventLoopsTest {
    private static final String PROPERTY = "jnatsd.eventLoops";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void oneLoopPerCoreUnlessTold() {
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void thePropertySetsTheLoopCount() {
        System.setProperty(PROPERTY, "1");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(1);
        System.setProperty(PROPERTY, "3");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(3);
    }

    @Test
    void neverFewerThanOneLoop() {
        System.setProperty(PROPERTY, "0");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(1);
    }

    /**
     * A connection that arrives between the bind and the greeting being known waits in the
     * backlog and then gets the greeting, instead of finding it missing (a client of a server
     * that had just bound its port was closed before its INFO).
     */
    @Test
    void aPausedListenerGreetsConnectionsThatArrivedBeforeItStartedAccepting() throws Exception {
        EventLoopGroup loops = EventLoops.newGroup("paused-listener-test", 1);
        String[] greeting = new String[1];
        try {
            Channel listener = EventLoops.bindPaused(EventLoops.clientListener(loops)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext context) {
                            context.writeAndFlush(Unpooled.copiedBuffer(greeting[0], StandardCharsets.US_ASCII));
                        }
                    }), "127.0.0.1", 0);
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            try (Socket early = new Socket(InetAddress.getLoopbackAddress(), port)) {
                early.setSoTimeout(200);
                InputStream input = early.getInputStream();
                assertThatThrownBy(input::read).as("nothing is accepted before startAccepting")
                        .isInstanceOf(SocketTimeoutException.class);
                greeting[0] = "INFO {\"port\":" + port + "}\r\n";
                EventLoops.startAccepting(listener);
                early.setSoTimeout(5_000);
                assertThat(new String(input.readNBytes(greeting[0].length()), StandardCharsets.US_ASCII))
                        .isEqualTo(greeting[0]);
            }
            listener.close().sync();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
