<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ArchiveTreeModel</name>
        <message>
            <source>约 {date}</source>
            <translation>~{date}</translation>
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
        <name>MainWindow</name>
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
            <source>查找(&amp;F)</source>
            <translation>&amp;Find</translation>
        </message>
        <message>
            <source>在全部文章中搜索 (Ctrl+F)</source>
            <translation>Search all articles (Ctrl+F)</translation>
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
            <source>{date}（推测）</source>
            <translation>{date} (estimated)</translation>
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
            <source>找到 {hits} 处，分布在 {articles} 篇文章中</source>
            <translation>Matches: {hits} in {articles} article(s)</translation>
        </message>
        <message>
            <source>（显示前 {shown} 处）</source>
            <translation> (showing the first {shown})</translation>
        </message>
        <message>
            <source>第 {n} 处，共 {total} 处</source>
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
    </context>
    <context>
        <name>NoteEditorDialog</name>
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
        <name>SearchResultsModel</name>
        <message>
            <source>{title}（{count} 处）</source>
            <translation>{title} ({count})</translation>
        </message>
        <message>
            <source>搜索结果</source>
            <translation>Search results</translation>
        </message>
    </context>
    <context>
        <name>SidePanel</name>
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
            <translation>No font that can show Chinese was found, so the articles may show boxes instead of characters. Install a Chinese font and restart the program, for example on Debian/Ubuntu:

sudo apt install {small}

(or the more complete {large})</translation>
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
</TS>
