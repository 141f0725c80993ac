/*
 * The fixture app's HTTP server: serves the files of one directory (GET and HEAD, 200 or 404,
 * one request per connection), in one process, with a listen backlog of 1024.
 *
 * Why not busybox httpd: it forks a process per connection and listens with a backlog of 9. On
 * these two-core VMs a fork costs tens of milliseconds of system time, so at the 100 requests a
 * second the blue-green tests send through Caddy the app fell behind, its queue overflowed
 * (TcpExtListenOverflows in the container's namespace counted 2,000 in one run) and Caddy's dials
 * timed out: 502s that came from the stand-in, not from the tool. Real servers (Go, nginx, node)
 * neither fork per request nor listen with a backlog of 9.
 *
 * Built static by testbed/setup.sh. Usage: serve PORT DIRECTORY
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void answer(int connection, const char *directory) {
    char request[2048];
    ssize_t length = read(connection, request, sizeof request - 1);
    if (length <= 0) {
        return;
    }
    request[length] = '\0';
    char method[8], path[1024];
    if (sscanf(request, "%7s %1023s", method, path) != 2) {
        return;
    }
    char *query = strchr(path, '?');
    if (query != NULL) {
        *query = '\0';
    }
    char file[1536], body[4096], header[256];
    int size = -1;
    if (path[0] == '/' && strstr(path, "..") == NULL) {
        snprintf(file, sizeof file, "%s%s", directory, path);
        int fd = open(file, O_RDONLY);
        if (fd >= 0) {
            size = (int)read(fd, body, sizeof body);
            close(fd);
        }
    }
    int head = strcmp(method, "HEAD") == 0;
    if (size < 0) {
        size = snprintf(body, sizeof body, "404 Not Found\n");
        length = snprintf(header, sizeof header, "HTTP/1.1 404 Not Found\r\n");
    } else {
        length = snprintf(header, sizeof header, "HTTP/1.1 200 OK\r\n");
    }
    length += snprintf(header + length, sizeof header - length,
                       "Content-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", size);
    if (write(connection, header, length) == length && !head) {
        (void)!write(connection, body, size);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: serve PORT DIRECTORY\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0
        || listen(listener, 1024) != 0) {
        perror("serve");
        return 1;
    }
    /* A client that connects and sends nothing holds the server for at most this long. */
    struct timeval patience = {.tv_sec = 2};
    for (;;) {
        int connection = accept(listener, NULL, NULL);
        if (connection < 0) {
            continue;
        }
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &patience, sizeof patience);
        answer(connection, argv[2]);
        close(connection);
    }
}
