<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ArchiveController</name>
        <message>
            <source>导入文件(&amp;I)…</source>
            <translation>&amp;Import Files…</translation>
        </message>
        <message>
            <source>把网页、Word、PDF 或文本文件加入资料库（也可以直接拖到窗口里）</source>
            <translation>Add web pages, Word, PDF or text files to the archive (or drop them on the window)</translation>
        </message>
        <message>
            <source>导入文件夹…</source>
            <translation>Import Folder…</translation>
        </message>
        <message>
            <source>编辑文章信息…</source>
            <translation>Edit Details…</translation>
        </message>
        <message>
            <source>从资料库删除文章…</source>
            <translation>Remove Article from Archive…</translation>
        </message>
        <message>
            <source>撤销删除文章</source>
            <translation>Undo Remove Article</translation>
        </message>
        <message>
            <source>查看页面杂项…</source>
            <translation>Show Page Furniture…</translation>
        </message>
        <message>
            <source>目录分组</source>
            <translation>Group Contents</translation>
        </message>
        <message>
            <source>不分组</source>
            <translation>No Grouping</translation>
        </message>
        <message>
            <source>按年份</source>
            <translation>By Year</translation>
        </message>
        <message>
            <source>按来源</source>
            <translation>By Source</translation>
        </message>
        <message>
            <source>导入文件</source>
            <translation>Import Files</translation>
        </message>
        <message>
            <source>文章 ({patterns});;所有文件 (*)</source>
            <translation>Articles ({patterns});;All files (*)</translation>
        </message>
        <message>
            <source>导入文件夹</source>
            <translation>Import Folder</translation>
        </message>
        <message>
            <source>正在导入，请等当前导入结束后再试。</source>
            <translation>An import is running; try again when it has finished.</translation>
        </message>
        <message>
            <source>资料库是只读的，无法导入。</source>
            <translation>The archive is read-only; nothing can be imported.</translation>
        </message>
        <message>
            <source>正在导入</source>
            <translation>Importing</translation>
        </message>
        <message>
            <source>导入失败：{message}</source>
            <translation>Import failed: {message}</translation>
        </message>
        <message>
            <source>这篇文章已从资料库删除。</source>
            <translation>This article was removed from the archive.</translation>
        </message>
        <message>
            <source>从资料库删除《{title}》？</source>
            <translation>Remove “{title}” from the archive?</translation>
        </message>
        <message>
            <source>书签会保留并标为“未定位”，可以用“编辑 → 撤销删除文章”恢复。</source>
            <translation>Its bookmarks are kept and marked detached; Edit → Undo Remove Article brings it back.</translation>
        </message>
        <message>
            <source>它的 {n} 篇转载会成为独立文章。</source>
            <translation>Its {n} reposts become articles of their own.</translation>
        </message>
        <message>
            <source>删除文章</source>
            <translation>Remove Article</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>无法删除：{message}</source>
            <translation>Cannot remove: {message}</translation>
        </message>
        <message>
            <source>已删除 {n} 篇文章（编辑 → 撤销删除文章）</source>
            <translation>Removed {n} article(s) (Edit → Undo Remove Article)</translation>
        </message>
        <message>
            <source>无法恢复：{message}</source>
            <translation>Cannot restore: {message}</translation>
        </message>
        <message>
            <source>无法保存：{message}</source>
            <translation>Cannot save: {message}</translation>
        </message>
        <message>
            <source>资料库无法写入，没有做任何改动。</source>
            <translation>The archive cannot be written; nothing was changed.</translation>
        </message>
        <message>
            <source>磁盘已满，资料库没有改动。</source>
            <translation>The disk is full; the archive was not changed.</translation>
        </message>
        <message>
            <source>资料库正被另一个程序使用，请稍后再试。</source>
            <translation>Another program is using the archive; try again in a moment.</translation>
        </message>
        <message>
            <source>日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD。</source>
            <translation>Write the date as YYYY, YYYY-MM or YYYY-MM-DD.</translation>
        </message>
        <message>
            <source>标题不能为空。</source>
            <translation>The title cannot be empty.</translation>
        </message>
        <message>
            <source>页面杂项</source>
            <translation>Page Furniture</translation>
        </message>
        <message>
            <source>导入时从正文中隐去的 {n} 行（导航、计数、版权等）：</source>
            <translation>{n} lines set apart from the text when it was imported (navigation, counters, copyright …):</translation>
        </message>
        <message>
            <source>导出本文的书签和笔记…</source>
            <translation>Export This Article's Bookmarks and Notes…</translation>
        </message>
    </context>
    <context>
        <name>ArchiveTreeModel</name>
        <message>
            <source>（未知）</source>
            <extracomment>On a repost's row: the source shown as "转载：source" in the interface language. How the tree groups articles: not at all, by year, or by source.</extracomment>
            <translation>(unknown)</translation>
        </message>
        <message>
            <source>转载：{source}</source>
            <translation>Repost: {source}</translation>
        </message>
        <message>
            <source>标题</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
    </context>
    <context>
        <name>ArticleDetailsDialog</name>
        <message>
            <source>编辑文章信息</source>
            <translation>Edit Article Details</translation>
        </message>
        <message>
            <source>标题</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>副标题</source>
            <translation>Subtitle</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>日期为估计</source>
            <translation>Date is an estimate</translation>
        </message>
        <message>
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>记者</source>
            <translation>Reporters</translation>
        </message>
        <message>
            <source>用逗号或顿号分隔</source>
            <translation>Separated by commas</translation>
        </message>
        <message>
            <source>文章编号</source>
            <translation>Article ID</translation>
        </message>
        <message>
            <source>出处</source>
            <translation>Origin</translation>
        </message>
        <message>
            <source>随附</source>
            <translation>Bundled</translation>
        </message>
        <message>
            <source>导入</source>
            <translation>Imported</translation>
        </message>
        <message>
            <source>原始文件</source>
            <translation>Original file</translation>
        </message>
        <message>
            <source>格式</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>编码</source>
            <translation>Encoding</translation>
        </message>
        <message>
            <source>日期说明</source>
            <translation>Date note</translation>
        </message>
        <message>
            <source>所有信息将恢复为文件中的内容，你的修改会被丢弃。</source>
            <translation>All details will go back to what the file says; your edits will be discarded.</translation>
        </message>
        <message>
            <source>撤销恢复</source>
            <translation>Undo Restore</translation>
        </message>
        <message>
            <source>恢复文件中的信息</source>
            <translation>Restore Details from File</translation>
        </message>
        <message>
            <source>标题不能为空。</source>
            <translation>The title cannot be empty.</translation>
        </message>
        <message>
            <source>没有这个日期：{date}。月份应为 1–12，日期应在当月之内。</source>
            <translation>There is no such date: {date}. The month must be 1–12 and the day must exist in that month.</translation>
        </message>
        <message>
            <source>日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2023-05-18。</source>
            <translation>Write the date as YYYY, YYYY-MM or YYYY-MM-DD, for example 2023-05-18.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>键盘快捷键</source>
            <translation>Keyboard Shortcuts</translation>
        </message>
        <message>
            <source>按住 Shift 用方向键、Home、End 选择文字</source>
            <translation>Select text with Shift and the arrows, Home or End</translation>
        </message>
        <message>
            <source>放大或缩小文字</source>
            <translation>Larger or smaller text</translation>
        </message>
        <message>
            <source>Ctrl+鼠标滚轮</source>
            <translation>Ctrl+mouse wheel</translation>
        </message>
        <message>
            <source>立即搜索</source>
            <translation>Search now</translation>
        </message>
        <message>
            <source>打开所选的搜索结果</source>
            <translation>Open the chosen search result</translation>
        </message>
        <message>
            <source>复制所选文字</source>
            <translation>Copy the selection</translation>
        </message>
        <message>
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>按键</source>
            <translation>Keys</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <source>许可证全文与第三方声明…</source>
            <translation>Licences and third-party notices…</translation>
        </message>
        <message>
            <source>组件</source>
            <translation>Component</translation>
        </message>
        <message>
            <source>版本</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>许可证</source>
            <translation>Licence</translation>
        </message>
    </context>
    <context>
        <name>BookmarksModel</name>
        <message>
            <source>(无标签)</source>
            <translation type="vanished">(no tag)</translation>
        </message>
        <message>
            <source>书签</source>
            <translation type="vanished">Bookmark</translation>
        </message>
        <message>
            <source>笔记</source>
            <translation type="vanished">Note</translation>
        </message>
        <message>
            <source>标签</source>
            <translation type="vanished">Tags</translation>
        </message>
        <message>
            <source>原文已改动，未能重新定位此书签</source>
            <translation type="vanished">The article text changed; this bookmark could not be found again</translation>
        </message>
        <message>
            <source>文章</source>
            <translation type="vanished">Article</translation>
        </message>
        <message>
            <source>章节</source>
            <translation type="vanished">Section</translation>
        </message>
        <message>
            <source>数据</source>
            <translation type="vanished">Figure</translation>
        </message>
        <message>
            <source>项目</source>
            <translation type="vanished">Project</translation>
        </message>
        <message>
            <source>段落</source>
            <translation type="vanished">Passage</translation>
        </message>
    </context>
    <context>
        <name>BookmarksPanel</name>
        <message>
            <source>…另有 {n} 行</source>
            <translation>… {n} more rows</translation>
        </message>
        <message>
            <source>（含图表，导出时一并输出）</source>
            <translation>(with a chart, included in exports)</translation>
        </message>
        <message>
            <source>出处</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>与团队共享</source>
            <translation>Share with the team</translation>
        </message>
        <message>
            <source>撤销</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>重做</source>
            <translation>Redo</translation>
        </message>
        <message>
            <source>书签</source>
            <translation>Bookmarks</translation>
        </message>
        <message>
            <source>原文已改动，未能重新定位此书签；引文为书签时的原文。</source>
            <translation>The article text changed and this bookmark could not be found again; the quote is the text as it was bookmarked.</translation>
        </message>
        <message>
            <source>标签:</source>
            <translation>Tags: </translation>
        </message>
        <message>
            <source>此书签的原文已改动,只能打开文章开头。</source>
            <translation>The text of this bookmark changed; opening the start of the article.</translation>
        </message>
        <message>
            <source>已删除 {n} 个书签(可撤销)</source>
            <translation>Deleted {n} bookmark(s) (can be undone)</translation>
        </message>
        <message>
            <source>搜索书签、引文、笔记、标签</source>
            <translation>Search bookmarks, quotes, notes, tags</translation>
        </message>
        <message>
            <source>按文章</source>
            <translation>By article</translation>
        </message>
        <message>
            <source>按标签</source>
            <translation>By tag</translation>
        </message>
        <message>
            <source>编辑</source>
            <translation>Edit</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>还没有书签。在阅读时选中一段文字,按 Ctrl+D 添加书签。</source>
            <translation>No bookmarks yet. Select some text while reading and press Ctrl+D.</translation>
        </message>
        <message>
            <source>添加书签</source>
            <translation type="vanished">Add bookmark</translation>
        </message>
        <message>
            <source>编辑书签</source>
            <translation type="vanished">Edit bookmark</translation>
        </message>
        <message>
            <source>删除书签</source>
            <translation type="vanished">Delete bookmarks</translation>
        </message>
        <message>
            <source>复制引文和出处</source>
            <translation>Copy Quote with Citation</translation>
        </message>
    </context>
    <context>
        <name>ElsewhereModel</name>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>提及</source>
            <translation>Mentions</translation>
        </message>
        <message>
            <source>进展</source>
            <translation>Status</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>文件夹 {path} 不存在，请选择一个已有的文件夹</source>
            <translation>the folder {path} does not exist; choose an existing folder</translation>
        </message>
        <message>
            <source>{path} 不是文件夹</source>
            <translation>{path} is not a folder</translation>
        </message>
        <message>
            <source>{path} 是文件夹，请填写文件名</source>
            <translation>{path} is a folder; give a file name</translation>
        </message>
        <message>
            <source>无法在文件夹 {path} 中写入（{reason}）</source>
            <translation>cannot write in the folder {path} ({reason})</translation>
        </message>
        <message>
            <source>文件夹 {path} 在只读磁盘上，请选择其他文件夹</source>
            <translation>the folder {path} is on a read-only disk; choose another folder</translation>
        </message>
        <message>
            <source>磁盘已满，无法写入 {path}；原有文件没有被替换</source>
            <translation>the disk is full: could not write {path}; no existing file was replaced</translation>
        </message>
        <message>
            <source>文件名太长（{size} 字节；此磁盘上的文件名最多 {limit} 字节）</source>
            <translation>the file name is too long ({size} bytes; names on this disk hold at most {limit})</translation>
        </message>
        <message>
            <source>{path} 是只读文件，没有被替换（请先设为可写，或另选文件名）</source>
            <translation>{path} is read-only and was not replaced (make it writable or choose another name)</translation>
        </message>
        <message>
            <source>{path} 是指向 {target} 的符号链接，而该文件不存在；未写入任何内容</source>
            <translation>{path} is a symbolic link to {target}, which does not exist; nothing was written</translation>
        </message>
        <message>
            <source>{path} 是指回自身的符号链接；未写入任何内容</source>
            <translation>{path} is a symbolic link that leads back to itself; nothing was written</translation>
        </message>
        <message>
            <source>{path} 是磁盘设备或其他特殊文件，不是普通文件；未写入任何内容</source>
            <translation>{path} is a disk device or another special file, not a file; nothing was written</translation>
        </message>
        <message>
            <source>没有程序在读取管道 {path}；未写入任何内容</source>
            <translation>no program is reading from the FIFO {path}; nothing was written</translation>
        </message>
        <message>
            <source>读取 {path} 的程序在导出完成前停止了</source>
            <translation>the program reading from {path} stopped before the export was complete</translation>
        </message>
        <message>
            <source>无法写入 {path}（{reason}）</source>
            <translation>could not write {path} ({reason})</translation>
        </message>
        <message>
            <source>导出笔记</source>
            <translation>Export notes</translation>
        </message>
        <message>
            <source>格式</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>范围</source>
            <translation>Scope</translation>
        </message>
        <message>
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <source>全部书签 ({n})</source>
            <translation>All bookmarks ({n})</translation>
        </message>
        <message>
            <source>标签</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>选中的书签 ({n})</source>
            <translation>Selected bookmarks ({n})</translation>
        </message>
        <message>
            <source>浏览…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>导出</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>导出到</source>
            <translation>Export to</translation>
        </message>
        <message>
            <source>请填写要导出的文件名。</source>
            <translation>Please give a file name to export to.</translation>
        </message>
        <message>
            <source>导出失败:{reason}</source>
            <translation>Export failed: {reason}</translation>
        </message>
        <message>
            <source>所选范围内没有书签。</source>
            <translation>There are no bookmarks in the chosen scope.</translation>
        </message>
        <message>
            <source>正在导出…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>引文格式</source>
            <translation>Citation style</translation>
        </message>
        <message>
            <source>本程序格式：《题名》，记者，来源，日期，章节</source>
            <translation>This app’s style: 《title》, reporters, source, date, section</translation>
        </message>
        <message>
            <source>GB/T 7714-2015（报纸文章 [N]）</source>
            <translation>GB/T 7714-2015 (newspaper article [N])</translation>
        </message>
        <message>
            <source>替换文件</source>
            <translation>Replace File</translation>
        </message>
        <message>
            <source>{name} 已经存在。要替换它吗？</source>
            <translation>{name} already exists. Do you want to replace it?</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>在本文中查找：</source>
            <translation>Find in this article:</translation>
        </message>
        <message>
            <source>输入要在本文中查找的文字</source>
            <translation>Text to find in this article</translation>
        </message>
        <message>
            <source>上一个 (Shift+Enter)</source>
            <translation>Previous (Shift+Enter)</translation>
        </message>
        <message>
            <source>下一个 (Enter)</source>
            <translation>Next (Enter)</translation>
        </message>
        <message>
            <source>关闭 (Esc)</source>
            <translation>Close (Esc)</translation>
        </message>
        <message>
            <source>没有找到</source>
            <translation>Not found</translation>
        </message>
        <message>
            <source>第 {n} 个，共 {total} 个</source>
            <translation>{n} of {total}</translation>
        </message>
    </context>
    <context>
        <name>FiguresModel</name>
        <message>
            <source>数字</source>
            <translation>Figure</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>数值</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>单位</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>指标</source>
            <translation>Measure</translation>
        </message>
    </context>
    <context>
        <name>ImportSummaryDialog</name>
        <message>
            <source>已添加 {n} 篇</source>
            <extracomment>Rows are shown in this order: what needs attention first. The item data role holding the row's index into the dialog's results.</extracomment>
            <translation>{n} added</translation>
        </message>
        <message>
            <source>未变 {n} 篇</source>
            <translation>{n} unchanged</translation>
        </message>
        <message>
            <source>转载 {n} 篇</source>
            <translation>{n} reposts</translation>
        </message>
        <message>
            <source>跳过 {n} 个文件</source>
            <translation>{n} files skipped</translation>
        </message>
        <message>
            <source>出错 {n} 个</source>
            <translation>{n} errors</translation>
        </message>
        <message>
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <source>导入已取消。{summary}</source>
            <translation>Import cancelled. {summary}</translation>
        </message>
        <message>
            <source>没有可导入的文件。</source>
            <translation>There were no files to import.</translation>
        </message>
        <message>
            <source>已添加</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>未变</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>转载</source>
            <translation>Repost</translation>
        </message>
        <message>
            <source>已跳过</source>
            <translation>Skipped</translation>
        </message>
        <message>
            <source>出错</source>
            <translation>Error</translation>
        </message>
        <message>
            <source>资料库无法写入：</source>
            <translation>The archive cannot be written: </translation>
        </message>
        <message>
            <source>{n} 个字符无法解码，已替换为 �</source>
            <translation>{n} character(s) could not be decoded and were replaced by �</translation>
        </message>
        <message>
            <source>文件是空的</source>
            <translation>The file is empty</translation>
        </message>
        <message>
            <source>不是文本文件</source>
            <translation>Not a text file</translation>
        </message>
        <message>
            <source>无法识别文本编码</source>
            <translation>The text encoding could not be recognised</translation>
        </message>
        <message>
            <source>文件太大（文本文件最多 {text} MB，其他格式最多 {other} MB）</source>
            <translation>The file is too large (text files up to {text} MB, other formats up to {other} MB)</translation>
        </message>
        <message>
            <source>不支持的文件类型</source>
            <translation>Unsupported file type</translation>
        </message>
        <message>
            <source>文件已损坏或不是 Word 文件</source>
            <translation>The file is damaged or not a Word file</translation>
        </message>
        <message>
            <source>文件已损坏</source>
            <translation>The file is damaged</translation>
        </message>
        <message>
            <source>压缩内容异常庞大，已拒绝</source>
            <translation>The compressed content is abnormally large; refused</translation>
        </message>
        <message>
            <source>文件有密码保护</source>
            <translation>The file is password-protected</translation>
        </message>
        <message>
            <source>扫描件，没有文字层（不支持 OCR）</source>
            <translation>A scan with no text layer (OCR is not supported)</translation>
        </message>
        <message>
            <source>文件里没有找到正文</source>
            <translation>No body text was found in the file</translation>
        </message>
        <message>
            <source>无法读取文件</source>
            <translation>The file cannot be read</translation>
        </message>
        <message>
            <source>导入时文件已不存在</source>
            <translation>The file disappeared during the import</translation>
        </message>
        <message>
            <source>文件不存在</source>
            <translation>The file does not exist</translation>
        </message>
        <message>
            <source>相同内容已在资料库中</source>
            <translation>The same content is already in the archive</translation>
        </message>
        <message>
            <source>与已有文章几乎相同（转载）</source>
            <translation>Nearly identical to an article already in the archive (repost)</translation>
        </message>
        <message>
            <source>替换了此文件先前导入的版本</source>
            <translation>Replaces the earlier import of this file</translation>
        </message>
        <message>
            <source>转载，未保留</source>
            <translation>Repost, not kept</translation>
        </message>
        <message>
            <source>{title}（{date}）</source>
            <translation>{title} ({date})</translation>
        </message>
        <message>
            <source>导入结果</source>
            <translation>Import Results</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>删除这些转载</source>
            <translation>Remove These Reposts</translation>
        </message>
        <message>
            <source>从资料库中删除本次导入的转载文章</source>
            <translation>Remove the reposts added by this import from the archive</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>缓存文件夹无法使用，搜索索引本次保存在临时文件夹中，下次启动会重建</source>
            <translation>The cache folder cannot be used: the search index is kept in a temporary folder this time and rebuilt at the next start</translation>
        </message>
        <message>
            <source>查看这个项目的历程</source>
            <translation>Show This Project's Story</translation>
        </message>
        <message>
            <source>目录</source>
            <translation>Contents</translation>
        </message>
        <message>
            <source>搜索结果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>编辑(&amp;E)</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>帮助(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>语言 / Language</source>
            <translation>Language / 语言</translation>
        </message>
        <message>
            <source>搜索全部文章(&amp;S)</source>
            <translation>&amp;Search All Articles</translation>
        </message>
        <message>
            <source>在本文中查找(&amp;F)</source>
            <translation>&amp;Find in This Article</translation>
        </message>
        <message>
            <source>在全部文章中搜索 (Ctrl+Shift+F)</source>
            <translation>Search all articles (Ctrl+Shift+F)</translation>
        </message>
        <message>
            <source>下一处</source>
            <translation>Next</translation>
        </message>
        <message>
            <source>下一处匹配 (F3)</source>
            <translation>Next match (F3)</translation>
        </message>
        <message>
            <source>上一处</source>
            <translation>Previous</translation>
        </message>
        <message>
            <source>上一处匹配 (Shift+F3)</source>
            <translation>Previous match (Shift+F3)</translation>
        </message>
        <message>
            <source>添加书签(&amp;B)</source>
            <translation>Add &amp;Bookmark</translation>
        </message>
        <message>
            <source>导出笔记(&amp;X)…</source>
            <translation>E&amp;xport Notes…</translation>
        </message>
        <message>
            <source>退出(&amp;Q)</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>阅读模式</source>
            <translation>Reading Mode</translation>
        </message>
        <message>
            <source>只显示正文 (F11)</source>
            <translation>Show only the text (F11)</translation>
        </message>
        <message>
            <source>高亮显示</source>
            <translation>Highlights</translation>
        </message>
        <message>
            <source>数字</source>
            <translation>Figures</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Dates</translation>
        </message>
        <message>
            <source>项目</source>
            <translation>Projects</translation>
        </message>
        <message>
            <source>机构</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>搜索匹配</source>
            <translation>Search matches</translation>
        </message>
        <message>
            <source>放大文字</source>
            <translation>Larger text</translation>
        </message>
        <message>
            <source>缩小文字</source>
            <translation>Smaller text</translation>
        </message>
        <message>
            <source>原始大小</source>
            <translation>Actual size</translation>
        </message>
        <message>
            <source>光标浏览（用方向键选择文字）</source>
            <translation>Caret browsing (select text with the arrow keys)</translation>
        </message>
        <message>
            <source>文字大小 {percent}%</source>
            <translation>Text size {percent}%</translation>
        </message>
        <message>
            <source>显示目录</source>
            <translation>Show Contents</translation>
        </message>
        <message>
            <source>显示数字与项目栏</source>
            <translation>Show Figures and Projects Panel</translation>
        </message>
        <message>
            <source>侧栏显示全文内容</source>
            <translation>Side Panel: Whole Article</translation>
        </message>
        <message>
            <source>关于(&amp;A)</source>
            <translation>&amp;About</translation>
        </message>
        <message>
            <source>搜索：</source>
            <translation>Search:</translation>
        </message>
        <message>
            <source>资料库中没有文章。</source>
            <translation>The archive has no articles.</translation>
        </message>
        <message>
            <source>请在左侧目录中选择一篇文章。</source>
            <translation>Choose an article in the contents on the left.</translation>
        </message>
        <message>
            <source>济宁高新区资料库</source>
            <translation>Jining High-tech Zone Archive</translation>
        </message>
        <message>
            <source>输入词语或片段，例如 小松、亿元、"产业园"</source>
            <translation>Type words or fragments, e.g. 小松, 亿元, "产业园"</translation>
        </message>
        <message>
            <source>搜索不可用</source>
            <translation>Search is not available</translation>
        </message>
        <message>
            <source>正在准备搜索……</source>
            <translation>Preparing search…</translation>
        </message>
        <message>
            <source>找不到文章 {id}</source>
            <translation>No article {id}</translation>
        </message>
        <message>
            <source>在上方输入要搜索的内容。</source>
            <translation>Type what to search for above.</translation>
        </message>
        <message>
            <source>没有找到“{query}”。</source>
            <translation>Nothing found for “{query}”.</translation>
        </message>
        <message>
            <source>找到 {hits} 段，分布在 {articles} 篇文章中</source>
            <translation>{hits} passage(s) in {articles} article(s)</translation>
        </message>
        <message>
            <source>（显示前 {shown} 段）</source>
            <translation> (showing the first {shown})</translation>
        </message>
        <message>
            <source>第 {n} 处匹配，共 {total} 处</source>
            <translation>Match {n} of {total}</translation>
        </message>
        <message>
            <source>正在建立搜索索引</source>
            <translation>Building the search index</translation>
        </message>
        <message>
            <source>正在提取数字和项目</source>
            <translation>Finding figures and projects</translation>
        </message>
        <message>
            <source>搜索已就绪</source>
            <translation>Search is ready</translation>
        </message>
        <message>
            <source>已建立搜索索引</source>
            <translation>search index has been built</translation>
        </message>
        <message>
            <source>搜索索引来自其他版本，已重建</source>
            <translation>search index was made by another version and has been rebuilt</translation>
        </message>
        <message>
            <source>搜索索引已损坏，已重建</source>
            <translation>search index was damaged and has been rebuilt</translation>
        </message>
        <message>
            <source>搜索索引更新已取消</source>
            <translation>search index update was cancelled</translation>
        </message>
        <message>
            <source>搜索索引已更新：新增 {added}，修改 {changed}，删除 {removed}</source>
            <translation>search index updated: {added} added, {changed} changed, {removed} removed</translation>
        </message>
        <message>
            <source>无法建立搜索索引：{message}</source>
            <translation>Cannot build the search index: {message}</translation>
        </message>
        <message>
            <source>无法提取数字和项目：{message}</source>
            <translation>Cannot find figures and projects: {message}</translation>
        </message>
        <message>
            <source>关于</source>
            <translation>About</translation>
        </message>
        <message>
            <source>济宁国家高新技术产业开发区报道的阅读、检索与标注工具。</source>
            <translation>Read, search and annotate reports on the Jining National High-tech Industrial Development Zone.</translation>
        </message>
        <message>
            <source>复制并附出处</source>
            <translation>Copy with Citation</translation>
        </message>
        <message>
            <source>后退</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>回到跳转前的位置 (Alt+←)</source>
            <translation>Back to where you were before the jump (Alt+Left)</translation>
        </message>
        <message>
            <source>前进</source>
            <translation>Forward</translation>
        </message>
        <message>
            <source>前进 (Alt+→)</source>
            <translation>Forward (Alt+Right)</translation>
        </message>
        <message>
            <source>在全部文章中搜索所选文字</source>
            <translation>Search All Articles for the Selection</translation>
        </message>
        <message>
            <source>请先选中要复制的文字</source>
            <translation>Select the text to copy first</translation>
        </message>
        <message>
            <source>已复制所选文字及出处</source>
            <translation>Copied the selection with its citation</translation>
        </message>
        <message>
            <source>复制</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>在侧栏中显示这个数字</source>
            <translation>Show This Figure in the Side Panel</translation>
        </message>
        <message>
            <source>在侧栏中显示这个项目或机构</source>
            <translation>Show This Project or Organisation in the Side Panel</translation>
        </message>
        <message>
            <source>全选</source>
            <translation>Select All</translation>
        </message>
        <message>
            <source>键盘快捷键(&amp;K)</source>
            <translation>&amp;Keyboard Shortcuts</translation>
        </message>
        <message>
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>复制这段文字</source>
            <translation>Copy This Passage</translation>
        </message>
        <message>
            <source>复制这段文字并附出处</source>
            <translation>Copy This Passage with Citation</translation>
        </message>
        <message>
            <source>打印本文(&amp;P)…</source>
            <translation>&amp;Print This Article…</translation>
        </message>
        <message>
            <source>将本文存为 PDF…</source>
            <translation>Save This Article as PDF…</translation>
        </message>
        <message>
            <source>请先打开一篇文章</source>
            <translation>Open an article first</translation>
        </message>
        <message>
            <source>将本文存为 PDF</source>
            <translation>Save This Article as PDF</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>无法保存 PDF：{reason}</source>
            <translation>Cannot save the PDF: {reason}</translation>
        </message>
        <message>
            <source>已存为 {path}</source>
            <translation>Saved as {path}</translation>
        </message>
    </context>
    <context>
        <name>NoteEditorDialog</name>
        <message>
            <source>洞察</source>
            <translation>Insight</translation>
        </message>
        <message>
            <source>新建书签</source>
            <translation>New bookmark</translation>
        </message>
        <message>
            <source>编辑书签 #{id}</source>
            <translation>Edit bookmark #{id}</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>章节</source>
            <translation>Section</translation>
        </message>
        <message>
            <source>数据</source>
            <translation>Figure</translation>
        </message>
        <message>
            <source>项目</source>
            <translation>Project</translation>
        </message>
        <message>
            <source>段落</source>
            <translation>Passage</translation>
        </message>
        <message>
            <source>原文已改动，此书签未能重新定位；下面是书签时的原文。</source>
            <translation>The article text changed and this bookmark could not be found again; below is the text as it was bookmarked.</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>如数据或项目的名称(可不填)</source>
            <translation>e.g. what the figure measures or the project's name (optional)</translation>
        </message>
        <message>
            <source>笔记</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>笔记内容,可用 Markdown</source>
            <translation>Your note (Markdown allowed)</translation>
        </message>
        <message>
            <source>标签</source>
            <translation>Tags</translation>
        </message>
        <message>
            <source>用逗号或顿号分隔,如:外贸、2023</source>
            <translation>Separated by commas, e.g. trade, 2023</translation>
        </message>
    </context>
    <context>
        <name>NotesController</name>
        <message>
            <source>笔记库无法打开，不能添加书签。</source>
            <translation>The notes database cannot be opened, so no bookmark can be added.</translation>
        </message>
        <message>
            <source>；{k} 个该格式无法保存的字符（控制字符等）已替换为 U+FFFD</source>
            <translation>; {k} character(s) the format cannot hold (control characters and the like) were replaced by U+FFFD</translation>
        </message>
        <message>
            <source>书签</source>
            <translation>Bookmarks</translation>
        </message>
        <message>
            <source>{n} 个书签的原文已改动且未能重新定位,已标为“未定位”。</source>
            <translation>The text of {n} bookmark(s) changed and they could not be found again; they are marked as detached.</translation>
        </message>
        <message>
            <source>书签与笔记</source>
            <translation>Bookmarks and notes</translation>
        </message>
        <message>
            <source>请先打开一篇文章。</source>
            <translation>Open an article first.</translation>
        </message>
        <message>
            <source>已添加书签 #{id}</source>
            <translation>Added bookmark #{id}</translation>
        </message>
        <message>
            <source>已导出 {n} 个书签到 {path}</source>
            <translation>Exported {n} bookmark(s) to {path}</translation>
        </message>
        <message>
            <source>导入笔记(&amp;N)…</source>
            <translation>Import &amp;notes…</translation>
        </message>
        <message>
            <source>从 JSON 笔记导出文件导入书签和笔记</source>
            <translation>Import bookmarks and notes from a JSON notes export</translation>
        </message>
        <message>
            <source>笔记数据库(&amp;D)…</source>
            <translation>Notes &amp;database…</translation>
        </message>
        <message>
            <source>笔记：有损坏的副本被移到一旁</source>
            <translation>Notes: a damaged copy was set aside</translation>
        </message>
        <message>
            <source>文件 {path} 不可写入</source>
            <translation>the file {path} cannot be written</translation>
        </message>
        <message>
            <source>文件夹 {folder} 不可写入</source>
            <translation>the folder {folder} cannot be written</translation>
        </message>
        <message>
            <source>文件夹 {folder} 在只读磁盘上</source>
            <translation>the folder {folder} is on a read-only disk</translation>
        </message>
        <message>
            <source>{folder} 所在的磁盘已满</source>
            <translation>the disk holding {folder} is full</translation>
        </message>
        <message>
            <source>磁盘已满，无法写入笔记（{path}）。请腾出空间后重试；笔记没有丢失。</source>
            <translation>The disk is full, so the notes cannot be written ({path}). Free some space and try again; no note was lost.</translation>
        </message>
        <message>
            <source>无法读取笔记数据库 {path}（{detail}）。请检查它的权限；文件未作改动。</source>
            <translation>Cannot read the notes database {path} ({detail}). Check its permissions; the file was not changed.</translation>
        </message>
        <message>
            <source>无法写入笔记（{path}：{detail}）；没有任何改动。</source>
            <translation>The notes cannot be written ({path}: {detail}); nothing was changed.</translation>
        </message>
        <message>
            <source>笔记是只读的，未作改动（{path}）。</source>
            <translation>The notes are read-only; nothing was changed ({path}).</translation>
        </message>
        <message>
            <source>笔记数据库正被其他程序写入，请稍后再试。</source>
            <translation>Another program is writing to the notes database; try again in a moment.</translation>
        </message>
        <message>
            <source>笔记数据库 {path} 由更新版本的程序写入，本版本无法读取；文件未作改动。</source>
            <translation>The notes database {path} was written by a newer version of the app and this version cannot read it; the file was not changed.</translation>
        </message>
        <message>
            <source>{path} 不是普通文件，无法作为笔记数据库；没有任何改动。</source>
            <translation>{path} is not a regular file and cannot hold the notes; nothing was changed.</translation>
        </message>
        <message>
            <source>笔记数据库 {path} 已损坏，且无法移到一旁（{detail}）；没有任何改动。</source>
            <translation>The notes database {path} is damaged and could not be set aside ({detail}); nothing was changed.</translation>
        </message>
        <message>
            <source>正在导入笔记</source>
            <translation>Importing notes</translation>
        </message>
        <message>
            <source>笔记无法打开</source>
            <translation>Notes cannot be opened</translation>
        </message>
        <message>
            <source>笔记数据库</source>
            <translation>Notes database</translation>
        </message>
        <message>
            <source>损坏的笔记数据库已被移到一旁，保存为 {copy}。当前的笔记在 {path}。
恢复方法：退出本程序，把 {name} 移走，再把 {copy_name}（如有 {copy_name}-wal，也一并复制并改名为 {name}-wal）复制为 {path}，然后重新启动；也可以从 JSON 导出文件恢复笔记（文件 → 导入笔记，或命令 jining-archive import-notes 文件）。恢复后或不再需要时，把 {copy_name} 移出该文件夹，此提示就不再出现。</source>
            <translation>A damaged notes database was set aside and kept as {copy}. Your current notes are in {path}.
To restore it: quit the app, move {name} away, copy {copy_name} to {path} (and {copy_name}-wal, if there is one, to {name}-wal), then start the app again; or bring notes back from a JSON export (File → Import notes, or the command jining-archive import-notes FILE). Once it is restored or no longer needed, move {copy_name} out of that folder and this warning stops.</translation>
        </message>
        <message>
            <source>笔记以只读方式打开，因为{reason}：可以查看和导出，但不能修改。</source>
            <translation>The notes are open read-only because {reason}: they can be viewed and exported, but not changed.</translation>
        </message>
        <message>
            <source>导入笔记</source>
            <translation>Import notes</translation>
        </message>
        <message>
            <source>JSON 笔记导出文件 (*.json);;所有文件 (*)</source>
            <translation>JSON notes exports (*.json);;All files (*)</translation>
        </message>
        <message>
            <source>笔记为只读</source>
            <translation>Notes are read-only</translation>
        </message>
        <message>
            <source>笔记数据库：{path}</source>
            <translation>Notes database: {path}</translation>
        </message>
        <message>
            <source>无法写入</source>
            <translation>it cannot be written</translation>
        </message>
        <message>
            <source>已导入笔记：新增 {added}，更新 {updated}，未变 {unchanged}，保留较新的 {kept}</source>
            <translation>Imported notes: {added} added, {updated} updated, {unchanged} unchanged, {kept} kept (stored copy newer)</translation>
        </message>
        <message>
            <source>无法导入笔记，未作任何改动：{message}</source>
            <translation>The notes could not be imported; nothing was changed: {message}</translation>
        </message>
        <message>
            <source>有 {n} 个损坏的笔记数据库副本被移到一旁：{copies}。帮助 → 笔记数据库 说明如何恢复。</source>
            <translation>{n} damaged copy(ies) of the notes database were set aside: {copies}. Help → Notes database says how to restore them.</translation>
        </message>
        <message>
            <source>状态：正常，共 {n} 个书签。</source>
            <translation>Status: in order, {n} bookmark(s).</translation>
        </message>
    </context>
    <context>
        <name>ProjectsModel</name>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>提及</source>
            <translation>Mentions</translation>
        </message>
        <message>
            <source>其他文章</source>
            <translation>Other articles</translation>
        </message>
    </context>
    <context>
        <name>ReferenceExporter</name>
        <message>
            <source>导出文章引用…</source>
            <translation>Export Article References…</translation>
        </message>
        <message>
            <source>全部文章导出为 RIS、BibTeX 或 CSL-JSON，供 Zotero、EndNote 等使用</source>
            <translation>Export every article as RIS, BibTeX or CSL-JSON, for Zotero, EndNote and others</translation>
        </message>
        <message>
            <source>导出文章引用</source>
            <translation>Export Article References</translation>
        </message>
        <message>
            <source>导出失败:{reason}</source>
            <translation>Export failed: {reason}</translation>
        </message>
        <message>
            <source>已导出 {n} 篇文章的引用（{format}）到 {path}</source>
            <translation>Exported the references of {n} article(s) ({format}) to {path}</translation>
        </message>
    </context>
    <context>
        <name>SearchController</name>
        <message>
            <source>搜索出错：{message}</source>
            <translation>Search failed: {message}</translation>
        </message>
        <message>
            <source>查询写法有误：{message}</source>
            <translation>The query cannot be read: {message}</translation>
        </message>
    </context>
    <context>
        <name>ResultsExporter</name>
        <message>
            <source>导出搜索结果…</source>
            <translation>Export Search Results…</translation>
        </message>
        <message>
            <source>把搜索结果连同出处存为 CSV 或 Markdown</source>
            <translation>Save the search results with their citations as CSV or Markdown</translation>
        </message>
        <message>
            <source>导出…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <source>导出搜索结果</source>
            <translation>Export Search Results</translation>
        </message>
        <message>
            <source>导出失败:{reason}</source>
            <translation>Export failed: {reason}</translation>
        </message>
        <message>
            <source>已将 {n} 段搜索结果导出到 {path}</source>
            <translation>Exported {n} search result passages to {path}</translation>
        </message>
    </context>
    <context>
        <name>SearchFilters</name>
        <message>
            <source>文章：</source>
            <translation>Article:</translation>
        </message>
        <message>
            <source>全部文章</source>
            <translation>All articles</translation>
        </message>
        <message>
            <source>仅当前文章</source>
            <translation>Current article only</translation>
        </message>
        <message>
            <source>年份：</source>
            <translation>Year:</translation>
        </message>
        <message>
            <source>类型：</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <source>全部年份</source>
            <translation>All years</translation>
        </message>
        <message>
            <source>全部段落</source>
            <translation>All passages</translation>
        </message>
        <message>
            <source>标题</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>副标题</source>
            <translation>Subtitle</translation>
        </message>
        <message>
            <source>作者行</source>
            <translation>Byline</translation>
        </message>
        <message>
            <source>小标题</source>
            <translation>Heading</translation>
        </message>
        <message>
            <source>正文</source>
            <translation>Paragraph</translation>
        </message>
        <message>
            <source>图片说明</source>
            <translation>Caption</translation>
        </message>
        <message>
            <source>来源说明</source>
            <translation>Source note</translation>
        </message>
    </context>
    <context>
        <name>SearchResultsModel</name>
        <message>
            <source>{title}（{count} 段）</source>
            <translation>{title} ({count} passage(s))</translation>
        </message>
        <message>
            <source>另见 {n} 篇转载</source>
            <translation>also in {n} repost(s)</translation>
        </message>
        <message>
            <source>搜索结果</source>
            <translation>Search results</translation>
        </message>
    </context>
    <context>
        <name>SidePanel</name>
        <message>
            <source>项目历程…</source>
            <translation>Project Story…</translation>
        </message>
        <message>
            <source>按时间查看这个项目在全部文章中的进展</source>
            <translation>Follow this project through every article, in date order</translation>
        </message>
        <message>
            <source>范围：全文</source>
            <translation>Scope: whole article</translation>
        </message>
        <message>
            <source>范围：{section}</source>
            <translation>Scope: {section}</translation>
        </message>
        <message>
            <source>正在提取数字和项目……</source>
            <translation>Finding figures and projects…</translation>
        </message>
        <message>
            <source>选择一个项目或机构，查看其他文章中的提及。</source>
            <translation>Choose a project or organisation to see where other articles mention it.</translation>
        </message>
        <message>
            <source>“{name}”未在其他文章中出现。</source>
            <translation>“{name}” is not mentioned in other articles.</translation>
        </message>
        <message>
            <source>“{name}”在其他文章中的提及：</source>
            <translation>“{name}” in other articles:</translation>
        </message>
        <message>
            <source>数字</source>
            <translation>Figures</translation>
        </message>
        <message>
            <source>项目与机构</source>
            <translation>Projects</translation>
        </message>
        <message>
            <source>类型：</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <source>显示全文</source>
            <translation>Whole article</translation>
        </message>
        <message>
            <source>不再限于所选章节</source>
            <translation>Stop narrowing to the selected section</translation>
        </message>
        <message>
            <source>全部</source>
            <translation>All</translation>
        </message>
    </context>
    <context>
        <name>TaskStatus</name>
        <message>
            <source>（另有 {n} 项）</source>
            <translation> (and {n} more)</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>停止后台任务</source>
            <translation>Stop the background work</translation>
        </message>
        <message>
            <source>后台任务进度</source>
            <translation>Background work progress</translation>
        </message>
    </context>
    <context>
        <name>dates</name>
        <message>
            <source>{year}年{month}月{day}日</source>
            <translation>{year}-{month:02d}-{day:02d}</translation>
        </message>
        <message>
            <source>{year}年{month}月</source>
            <translation>{year}-{month:02d}</translation>
        </message>
        <message>
            <source>{year}年</source>
            <translation>{year}</translation>
        </message>
        <message>
            <source>约 {date}</source>
            <translation>c. {date}</translation>
        </message>
        <message>
            <source>日期是推测的：正文没有写明日期</source>
            <translation>The date is an estimate: the text states no date</translation>
        </message>
        <message>
            <source>日期是推测的：{note}</source>
            <translation>The date is an estimate: {note}</translation>
        </message>
    </context>
    <context>
        <name>figures</name>
        <message>
            <source>金额</source>
            <translation>money</translation>
        </message>
        <message>
            <source>百分比</source>
            <translation>percent</translation>
        </message>
        <message>
            <source>数量</source>
            <translation>count</translation>
        </message>
        <message>
            <source>面积</source>
            <translation>area</translation>
        </message>
        <message>
            <source>长度</source>
            <translation>length</translation>
        </message>
        <message>
            <source>重量</source>
            <translation>weight</translation>
        </message>
        <message>
            <source>功率</source>
            <translation>power</translation>
        </message>
        <message>
            <source>速度</source>
            <translation>speed</translation>
        </message>
        <message>
            <source>时长</source>
            <translation>duration</translation>
        </message>
        <message>
            <source>排名</source>
            <translation>rank</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>date</translation>
        </message>
        <message>
            <source>其他</source>
            <translation>other</translation>
        </message>
    </context>
    <context>
        <name>fonts</name>
        <message>
            <source>缺少中文字体</source>
            <translation>No Chinese font</translation>
        </message>
        <message>
            <source>没有找到能显示中文的字体，文章中的汉字可能显示为方框。请安装中文字体后重新启动本程序，例如在 Debian/Ubuntu 上运行：

sudo apt install {small}

（或字形更全的 {large}）</source>
            <translation type="vanished">No font that can show Chinese was found, so the articles may show boxes instead of characters. Install a Chinese font and restart the program, for example on Debian/Ubuntu:

sudo apt install {small}

(or the more complete {large})</translation>
        </message>
    </context>
    <context>
        <name>marks</name>
        <message>
            <source>数值：{value}</source>
            <translation>Value: {value}</translation>
        </message>
        <message>
            <source>限定：{qualifier}</source>
            <translation>Qualifier: {qualifier}</translation>
        </message>
        <message>
            <source>指标：{measure}</source>
            <translation>Measure: {measure}</translation>
        </message>
        <message>
            <source>状态：{status}</source>
            <translation>Status: {status}</translation>
        </message>
        <message>
            <source>年份按文章日期推算</source>
            <translation>Year taken from the article's date</translation>
        </message>
        <message>
            <source>年份按估计的文章日期推算（不确定）</source>
            <translation>Year taken from the article's estimated date (uncertain)</translation>
        </message>
    </context>
    <context>
        <name>query</name>
        <message>
            <source>article:{value} 不是文章编号：请写文章列表中的编号，例如 article:2023-intl-parks</source>
            <translation>article:{value} is not an article id; write the id the articles list gives, e.g. article:2023-intl-parks</translation>
        </message>
        <message>
            <source>查询太长（{length} 个字符），请搜索更短的片段（最多 {limit} 个字符）</source>
            <translation>the query is too long ({length} characters); search for a shorter passage (at most {limit} characters)</translation>
        </message>
        <message>
            <source>请输入要搜索的词语</source>
            <translation>type a word to search for</translation>
        </message>
        <message>
            <source>查询的词语太多，最多 {limit} 个词语和条件</source>
            <translation>the query has too many words; use at most {limit} words and filters</translation>
        </message>
        <message>
            <source>没有可搜索的内容：查询只有标点或符号；要按原样搜索，请加引号，例如 "，"</source>
            <translation>nothing to search for: the query has only punctuation or symbols; to search for them as written, put them in quotes, e.g. "，"</translation>
        </message>
        <message>
            <source>{field}: 冒号后面要紧跟要找的内容，例如 {example}</source>
            <translation>{field}: needs something to look for right after the colon, e.g. {example}</translation>
        </message>
        <message>
            <source>引号（"）没有闭合：补上后引号，或删去它</source>
            <translation>a quotation mark (") is not closed; add the closing " or remove it</translation>
        </message>
        <message>
            <source>引号（""）里是空的：请在引号里写要搜索的短语</source>
            <translation>empty quotation marks (""): put the phrase to search for inside</translation>
        </message>
        <message>
            <source>右括号没有对应的左括号</source>
            <translation>a closing parenthesis has no opening one</translation>
        </message>
        <message>
            <source>括号没有闭合：补上 )</source>
            <translation>a parenthesis is not closed; add the closing )</translation>
        </message>
        <message>
            <source>括号里是空的：请在括号里写词语，例如 (小松 OR 鲁抗)</source>
            <translation>empty parentheses: put words inside, e.g. (小松 OR 鲁抗)</translation>
        </message>
        <message>
            <source>括号嵌套太深</source>
            <translation>parentheses are nested too deeply</translation>
        </message>
        <message>
            <source>{operator} 两边都要有词语，例如 小松 {operator} 鲁抗</source>
            <translation>{operator} needs a word on each side, e.g. 小松 {operator} 鲁抗</translation>
        </message>
        <message>
            <source>NOT 后面要有词语，例如 济宁 NOT 小松</source>
            <translation>NOT needs a word after it, e.g. 济宁 NOT 小松</translation>
        </message>
        <message>
            <source>year:{value} 不是年份：请写 year:2023 或范围 year:2020-2023</source>
            <translation>year:{value} is not a year; write year:2023 or a range such as year:2020-2023</translation>
        </message>
        <message>
            <source>kind:{value} 不是段落类型；可用的类型：{kinds}</source>
            <translation>kind:{value} is not a kind of passage; kinds are: {kinds}</translation>
        </message>
    </context>
    <context>
        <name>printing</name>
        <message>
            <source>本文的书签和笔记（{n} 条）</source>
            <translation>Bookmarks and notes of this article ({n})</translation>
        </message>
        <message>
            <source>笔记：{note}</source>
            <translation>Note: {note}</translation>
        </message>
        <message>
            <source>标签：{tags}</source>
            <translation>Tags: {tags}</translation>
        </message>
    </context>
    <context>
        <name>projects</name>
        <message>
            <source>项目</source>
            <translation>project</translation>
        </message>
        <message>
            <source>机构</source>
            <translation>organisation</translation>
        </message>
    </context>
    <context>
        <name>team</name>
        <message>
            <source>团队服务器</source>
            <translation>Team server</translation>
        </message>
        <message>
            <source>无法打开团队服务器上的资料库。</source>
            <translation>The archive on the team server cannot be opened.</translation>
        </message>
        <message>
            <source>打开本机资料库</source>
            <translation>Open the archive on this computer</translation>
        </message>
        <message>
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>团队服务器…</source>
            <translation>Team server…</translation>
        </message>
        <message>
            <source>与团队共用 PostgreSQL 服务器上的资料库和笔记</source>
            <translation>Share the archive and notes on a PostgreSQL server with your team</translation>
        </message>
        <message>
            <source>PostgreSQL 服务器地址，例如 postgresql://用户名@服务器/资料库
留空则使用本机资料库。下次启动时生效。</source>
            <translation>The PostgreSQL server's address, e.g. postgresql://user@server/archive
Leave it empty for the archive on this computer. Takes effect at the next start.</translation>
        </message>
        <message>
            <source>本机资料库</source>
            <translation>the archive on this computer</translation>
        </message>
        <message>
            <source>下次启动时打开：{where}</source>
            <translation>At the next start the window opens: {where}</translation>
        </message>
    </context>
    <context>
        <name>NoticesDialog</name>
        <message>
            <source>许可证全文与第三方声明</source>
            <translation>Licences and third-party notices</translation>
        </message>
    </context>
    <context>
        <name>ArchiveFiguresModel</name>
        <message>
            <source>数字</source>
            <translation>Figure</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>数值</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>指标</source>
            <translation>Measure</translation>
        </message>
        <message>
            <source>限定</source>
            <translation>Qualifier</translation>
        </message>
        <message>
            <source>所指年份</source>
            <translation>Year Meant</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>原句</source>
            <translation>Sentence</translation>
        </message>
        <message>
            <source>所计数的对象</source>
            <translation>What the count counts</translation>
        </message>
    </context>
    <context>
        <name>FiguresTable</name>
        <message>
            <source>来源：</source>
            <translation>Source:</translation>
        </message>
        <message>
            <source>导出为 CSV</source>
            <translation>Export as CSV</translation>
        </message>
        <message>
            <source>CSV 文件 (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <source>导出为 Excel</source>
            <translation>Export as Excel</translation>
        </message>
        <message>
            <source>Excel 工作簿 (*.xlsx)</source>
            <translation>Excel workbooks (*.xlsx)</translation>
        </message>
        <message>
            <source>已将 {count} 个数字导出到 {path}</source>
            <translation>Exported {count} figures to {path}</translation>
        </message>
        <message>
            <source>共 {total} 个数字，已显示 {shown} 个</source>
            <translation>{total} figures, {shown} shown</translation>
        </message>
        <message>
            <source>全部</source>
            <translation>All</translation>
        </message>
        <message>
            <source>类型：</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <source>年份：</source>
            <translation>Year:</translation>
        </message>
        <message>
            <source>指标（如 世界500强企业）</source>
            <translation>Measure (e.g. 世界500强企业)</translation>
        </message>
        <message>
            <source>在原句和标题中查找</source>
            <translation>Find in sentences and titles</translation>
        </message>
        <message>
            <source>导出 CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
    </context>
    <context>
        <name>InsightController</name>
        <message>
            <source>正在汇总全部文章的数字和项目</source>
            <translation>Gathering the figures and projects of every article</translation>
        </message>
        <message>
            <source>无法汇总数字和项目：{message}</source>
            <translation>Could not gather figures and projects: {message}</translation>
        </message>
        <message>
            <source>跨文章洞察(&amp;I)…</source>
            <translation>&amp;Insight Across Articles…</translation>
        </message>
        <message>
            <source>全部文章的数字、指标变化、项目历程和时间线</source>
            <translation>Every article's figures, measures over time, project stories and timeline</translation>
        </message>
    </context>
    <context>
        <name>InsightWindow</name>
        <message>
            <source>跨文章洞察</source>
            <translation>Insight Across Articles</translation>
        </message>
        <message>
            <source>全部数字</source>
            <translation>All Figures</translation>
        </message>
        <message>
            <source>指标变化</source>
            <translation>Measures over Time</translation>
        </message>
        <message>
            <source>项目历程</source>
            <translation>Project Stories</translation>
        </message>
        <message>
            <source>正在汇总全部文章的数字和项目……</source>
            <translation>Gathering the figures and projects of every article…</translation>
        </message>
        <message>
            <source>文章时间线</source>
            <translation>Article Timeline</translation>
        </message>
    </context>
    <context>
        <name>ProjectStoryView</name>
        <message>
            <source>加入笔记…</source>
            <translation>Add to Notes…</translation>
        </message>
        <message>
            <source>把这个项目历程连同出处存为书签，导出笔记时一并列出</source>
            <translation>Keep this project story, with its sources, as a bookmark; note exports include it</translation>
        </message>
        <message>
            <source>{status}（计划于 {years}）</source>
            <translation>{status} (planned for {years})</translation>
        </message>
        <message>
            <source>{name}：{count} 次提及；进展：{stages}</source>
            <translation>{name}: {count} mentions; progress: {stages}</translation>
        </message>
        <message>
            <source>未报道</source>
            <translation>not reported</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>进展</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>提及</source>
            <translation>Mention</translation>
        </message>
        <message>
            <source>同句数字</source>
            <translation>Figures in the Sentence</translation>
        </message>
        <message>
            <source>原句</source>
            <translation>Sentence</translation>
        </message>
        <message>
            <source>项目：</source>
            <translation>Project:</translation>
        </message>
        <message>
            <source>导出 CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
    </context>
    <context>
        <name>SeriesChart</name>
        <message>
            <source>（日期为推测）</source>
            <translation> (estimated date)</translation>
        </message>
    </context>
    <context>
        <name>SeriesView</name>
        <message>
            <source>加入笔记…</source>
            <translation>Add to Notes…</translation>
        </message>
        <message>
            <source>把图表和这张表连同出处存为书签，导出笔记时一并列出</source>
            <translation>Keep the chart and this table, with their sources, as a bookmark; note exports include them</translation>
        </message>
        <message>
            <source>{measure}（{unit}）· {count} 篇</source>
            <translation>{measure} ({unit}) · {count} articles</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>数字</source>
            <translation>Figure</translation>
        </message>
        <message>
            <source>数值</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>变化</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>所指年份</source>
            <translation>Year Meant</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>{measure}（{unit}）：{count} 个数字，{articles} 篇文章</source>
            <translation>{measure} ({unit}): {count} figures in {articles} articles</translation>
        </message>
        <message>
            <source>⚠ {articles} 篇文章给出的 {period} 年数字不同：{values}</source>
            <translation>⚠ {articles} articles give different figures for {period}: {values}</translation>
        </message>
        <message>
            <source>PNG 图片 (*.png)</source>
            <translation>PNG images (*.png)</translation>
        </message>
        <message>
            <source>SVG 图形 (*.svg)</source>
            <translation>SVG drawings (*.svg)</translation>
        </message>
        <message>
            <source>导出图表</source>
            <translation>Export Chart</translation>
        </message>
        <message>
            <source>图表已保存到 {path}</source>
            <translation>Chart saved to {path}</translation>
        </message>
        <message>
            <source>导出 PNG…</source>
            <translation>Export PNG…</translation>
        </message>
        <message>
            <source>导出 SVG…</source>
            <translation>Export SVG…</translation>
        </message>
        <message>
            <source>导出 CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
    </context>
    <context>
        <name>status</name>
        <message>
            <source>签约</source>
            <translation>signed</translation>
        </message>
        <message>
            <source>开工</source>
            <translation>construction started</translation>
        </message>
        <message>
            <source>在建</source>
            <translation>under construction</translation>
        </message>
        <message>
            <source>竣工</source>
            <translation>completed</translation>
        </message>
        <message>
            <source>投产</source>
            <translation>in production</translation>
        </message>
        <message>
            <source>达产</source>
            <translation>at full capacity</translation>
        </message>
        <message>
            <source>计划</source>
            <translation>planned</translation>
        </message>
    </context>
    <context>
        <name>TableExport</name>
        <message>
            <source>导出为 CSV</source>
            <translation>Export as CSV</translation>
        </message>
        <message>
            <source>CSV 文件 (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <source>导出为 Excel</source>
            <translation>Export as Excel</translation>
        </message>
        <message>
            <source>Excel 工作簿 (*.xlsx)</source>
            <translation>Excel workbooks (*.xlsx)</translation>
        </message>
        <message>
            <source>已将 {count} 行导出到 {path}</source>
            <translation>Exported {count} rows to {path}</translation>
        </message>
    </context>
    <context>
        <name>ArticleTimeline</name>
        <message>
            <source>数字所指年份：{years}</source>
            <translation>Years its figures speak of: {years}</translation>
        </message>
        <message>
            <source>单击打开文章</source>
            <translation>Click to open the article</translation>
        </message>
        <message>
            <source>{count} 篇文章按日期排列：实心点为文章写明的日期，空心点为推测的日期（{estimated} 篇）；淡色横条为其数字所指的年份。悬停查看详情，单击打开文章。</source>
            <translation>{count} articles by date: a filled point is a date the article gives, a hollow one an estimated date ({estimated} articles); the pale bar spans the years its figures speak of. Hover for details, click to open the article.</translation>
        </message>
        <message>
            <source>另有 {count} 篇没有日期。</source>
            <translation> {count} more have no date.</translation>
        </message>
    </context>
    <context>
        <name>MembersDialog</name>
        <message>
            <source>团队成员</source>
            <translation>Team members</translation>
        </message>
        <message>
            <source>服务器：{where}</source>
            <translation>Server: {where}</translation>
        </message>
        <message>
            <source>成员（数据库角色）</source>
            <translation>Member (database role)</translation>
        </message>
        <message>
            <source>权限</source>
            <translation>May</translation>
        </message>
        <message>
            <source>添加成员…</source>
            <translation>Add member…</translation>
        </message>
        <message>
            <source>移除</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>服务器拒绝了这项操作：{reason}</source>
            <translation>The server refused: {reason}</translation>
        </message>
        <message>
            <source>编辑（可导入、修改、删除）</source>
            <translation>edit (import, change, remove)</translation>
        </message>
        <message>
            <source>只读</source>
            <translation>read only</translation>
        </message>
        <message>
            <source>设为只读</source>
            <translation>Make read-only</translation>
        </message>
        <message>
            <source>设为编辑</source>
            <translation>Make editor</translation>
        </message>
        <message>
            <source>添加成员</source>
            <translation>Add member</translation>
        </message>
        <message>
            <source>已有的数据库角色名（由管理员用 CREATE ROLE … LOGIN 创建）：</source>
            <translation>An existing database role (made by the administrator with CREATE ROLE … LOGIN):</translation>
        </message>
        <message>
            <source>让 {role} 只读吗？只读成员可以阅读和写笔记，但不能导入、修改或删除文章。</source>
            <translation>Make {role} read-only? Read-only members read and keep notes, but cannot import, change or remove articles.</translation>
        </message>
        <message>
            <source>移除成员</source>
            <translation>Remove member</translation>
        </message>
        <message>
            <source>从团队中移除 {role}？其笔记保留在服务器上，重新加入后仍可见。</source>
            <translation>Remove {role} from the team? Their notes stay on the server and return if they rejoin.</translation>
        </message>
    </context>
    <context>
        <name>TeamMembersAction</name>
        <message>
            <source>团队成员…</source>
            <translation>Team members…</translation>
        </message>
        <message>
            <source>查看和管理团队服务器上的成员（需要管理员权限才能修改）</source>
            <translation>See and manage the members of the team server (changing them needs the administrator's rights)</translation>
        </message>
    </context>
</TS>
